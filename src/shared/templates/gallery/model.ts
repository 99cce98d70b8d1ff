// The browser build: the plain one reads Node's Buffer when it loads, which breaks the web app.
import { stringify } from 'csv-stringify/browser/esm/sync';
import { columnsIn, HTML_PLACEHOLDER } from '../placeholders.js';

/** The shelves of the gallery, in the order the designer shows them. */
export const GALLERY_CATEGORIES = ['Text', 'Images', 'Audio and transcription', 'Surveys'] as const;
export type GalleryCategory = (typeof GALLERY_CATEGORIES)[number];

/** One row of sample data: a value for every column the template needs. */
export type SampleRow = Readonly<Record<string, string>>;

/**
 * A starting point for an HTML project: an MTurk-style template using the crowd-html-elements
 * Tessera serves, with a few rows of data to preview and publish it with.
 */
export type GalleryTemplate = {
  id: string;
  title: string;
  category: GalleryCategory;
  description: string;
  html: string;
  /** Media in sample rows are paths on Tessera's own origin (`/gallery/…`): see `sampleRowsAt`. */
  sampleRows: readonly SampleRow[];
};

/** MTurk's script tag: kept as MTurk writes it, and pointed at Tessera's bundle when filled. */
export const AMAZON_CROWD_SCRIPT =
  '<script src="https://assets.crowd.aws/crowd-html-elements.js"></script>';

/** The columns a batch for the template needs, in order of first use. */
export function galleryColumns(template: Pick<GalleryTemplate, 'html'>): string[] {
  return columnsIn(template.html, HTML_PLACEHOLDER);
}

/**
 * The sample rows with their media paths made whole addresses on `origin`, since a batch's
 * picture and recording columns must hold web addresses, and this server is the one that serves
 * the sample files (a task never fetches from outside).
 */
export function sampleRowsAt(template: GalleryTemplate, origin: string): SampleRow[] {
  return template.sampleRows.map((row) =>
    Object.fromEntries(
      Object.entries(row).map(([column, value]) => [
        column,
        value.startsWith('/gallery/') ? new URL(value, origin).href : value,
      ]),
    ),
  );
}

/** The sample rows as a CSV file a batch upload accepts: a header of the template's columns. */
export function sampleRowsCsv(template: GalleryTemplate, origin: string): string {
  const columns = galleryColumns(template);
  const rows = sampleRowsAt(template, origin).map((row) => columns.map((c) => row[c] ?? ''));
  return stringify([columns, ...rows]);
}

/** Templates whose title, description or category holds every word of `query`. */
export function searchGallery(
  templates: readonly GalleryTemplate[],
  query: string,
  category: GalleryCategory | null,
): GalleryTemplate[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  return templates.filter((template) => {
    if (category && template.category !== category) return false;
    const text = `${template.title} ${template.description} ${template.category}`.toLowerCase();
    return words.every((word) => text.includes(word));
  });
}
