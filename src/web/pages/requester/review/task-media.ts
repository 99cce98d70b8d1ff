import { safeUrl, type Template } from '../../../../shared/templates/index.js';
import {
  columnsIn,
  FORM_PLACEHOLDER,
  replacePlaceholders,
} from '../../../../shared/templates/placeholders.js';

/** How a reviewer sees one value: the media itself, a link, or the text. */
export type MediaView =
  | { kind: 'image'; url: string }
  | { kind: 'audio'; url: string }
  | { kind: 'video'; url: string }
  | { kind: 'link'; url: string }
  | { kind: 'text' };

const MEDIA_KINDS = ['image', 'audio', 'video'] as const;
type MediaKind = (typeof MEDIA_KINDS)[number];

/** What a column holds, by the template item that shows it to the worker. */
export type ColumnMedia = { kind: MediaKind; alt?: string };

const EXTENSIONS: Record<MediaKind, readonly string[]> = {
  image: ['png', 'jpg', 'jpeg', 'gif', 'webp', 'avif', 'bmp', 'svg'],
  audio: ['mp3', 'wav', 'ogg', 'oga', 'm4a', 'aac', 'flac', 'opus', 'weba'],
  video: ['mp4', 'webm', 'mov', 'm4v', 'ogv'],
};

function kindByExtension(url: URL): MediaKind | undefined {
  const extension = /\.([a-z0-9]{2,5})$/i.exec(url.pathname)?.[1]?.toLowerCase();
  if (!extension) return undefined;
  return MEDIA_KINDS.find((kind) => EXTENSIONS[kind].includes(extension));
}

/**
 * A value as the reviewer sees it. Only absolute http(s) addresses become anything but text, so a
 * value can never turn into a `javascript:` link or a `data:` image. Media is shown inline only
 * from https addresses: the app's Content-Security-Policy loads images and media from https alone
 * (a page on https could not load plain-http media either), so an http address stays a link.
 */
export function mediaView(value: string, known?: MediaKind): MediaView {
  const href = safeUrl(value);
  if (!href) return { kind: 'text' };
  const url = new URL(href);
  const kind = known ?? kindByExtension(url);
  if (kind && url.protocol === 'https:') return { kind, url: href };
  return { kind: 'link', url: href };
}

/** The columns a form template shows as an image, a recording or a video, with their alt text. */
export function columnMedia(template: Template): Map<string, ColumnMedia> {
  const media = new Map<string, ColumnMedia>();
  if (template.kind !== 'form') return media;
  for (const item of template.items) {
    if (item.type !== 'image' && item.type !== 'audio' && item.type !== 'video') continue;
    // Only an address that is all placeholder says what the column itself holds.
    const columns = columnsIn(item.url, FORM_PLACEHOLDER);
    const whole = item.url.trim().replace(FORM_PLACEHOLDER, '') === '';
    const column = columns[0];
    if (!whole || columns.length !== 1 || column === undefined || media.has(column)) continue;
    const alt =
      item.type === 'image' ? item.alt || item.label || undefined : item.label || undefined;
    media.set(column, { kind: item.type, ...(alt ? { alt } : {}) });
  }
  return media;
}

/** A template's alt text filled from the task's data; the column's name without one. */
export function altText(
  column: string,
  media: ColumnMedia | undefined,
  data: Readonly<Record<string, string>>,
): string {
  const alt = media?.alt && replacePlaceholders(media.alt, FORM_PLACEHOLDER, data, (v) => v).trim();
  return alt || `Task data: ${column}`;
}
