import { Anchor, Group, Image, Stack, Text } from '@mantine/core';
import { IconExternalLink, IconPhotoOff } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import type { FilledFormItem } from '../../../shared/templates/index.js';
import { Markdown } from '../Markdown.js';

type DisplayItem = Extract<
  FilledFormItem,
  { type: 'instructions' | 'image' | 'audio' | 'video' | 'link' }
>;

/** Said instead of the media when the task's data gives no usable http(s) address. */
function MissingMedia({ what }: { what: string }) {
  return (
    <Group gap="xs" c="dimmed" p="md" className="task-form-missing-media">
      <IconPhotoOff size={18} aria-hidden="true" />
      <Text size="sm">This task’s {what} address is missing or is not an http(s) link.</Text>
    </Group>
  );
}

function Caption({ item }: { item: DisplayItem }) {
  if (!item.label && !item.help) return null;
  return (
    <Stack gap={2}>
      {item.label && (
        <Text fw={600} size="sm">
          {item.label}
        </Text>
      )}
      {item.help && (
        <Text size="sm" c="dimmed">
          {item.help}
        </Text>
      )}
    </Stack>
  );
}

/**
 * Media at the address the task's data gives, under its caption; where the address is missing
 * or unsafe, a note says so instead.
 */
function CaptionedMedia({
  item,
  what,
  children,
}: {
  item: Extract<DisplayItem, { url: string | null }>;
  what: string;
  children: (url: string) => ReactNode;
}) {
  return (
    <Stack gap="xs">
      <Caption item={item} />
      {item.url ? children(item.url) : <MissingMedia what={what} />}
    </Stack>
  );
}

/** The items a worker reads or watches but does not answer. */
export function DisplayFormItem({ item }: { item: DisplayItem }) {
  switch (item.type) {
    case 'instructions':
      return (
        <Stack gap={4}>
          <Caption item={item} />
          <Markdown fz="sm">{item.text}</Markdown>
        </Stack>
      );
    case 'image':
      return (
        <CaptionedMedia item={item} what="image">
          {(url) => (
            <Image
              src={url}
              alt={item.alt ?? item.label}
              radius="md"
              maw="100%"
              fit="contain"
              mah={480}
              w="auto"
            />
          )}
        </CaptionedMedia>
      );
    case 'audio':
      return (
        <CaptionedMedia item={item} what="audio">
          {(url) => (
            <audio controls preload="metadata" src={url} aria-label={item.label || 'Audio'}>
              <a href={url}>Download the audio</a>
            </audio>
          )}
        </CaptionedMedia>
      );
    case 'video':
      return (
        <CaptionedMedia item={item} what="video">
          {(url) => (
            <video
              controls
              preload="metadata"
              src={url}
              aria-label={item.label || 'Video'}
              className="task-form-video"
            >
              <a href={url}>Download the video</a>
            </video>
          )}
        </CaptionedMedia>
      );
    case 'link':
      return (
        <CaptionedMedia item={item} what="link">
          {(url) => (
            <Anchor
              href={url}
              target="_blank"
              rel="noopener noreferrer nofollow"
              size="sm"
              className="task-form-link"
            >
              {item.text || url}
              <IconExternalLink size={14} aria-hidden="true" />
              <span className="visually-hidden"> (opens in a new tab)</span>
            </Anchor>
          )}
        </CaptionedMedia>
      );
  }
}
