import { Anchor, Image, Modal, Stack, Text, UnstyledButton } from '@mantine/core';
import { IconExternalLink } from '@tabler/icons-react';
import { useState } from 'react';
import type { MediaView } from './task-media.js';

/** A thumbnail that opens the picture at full size; the browser loads it only when shown. */
function Thumbnail({ url, alt, size }: { url: string; alt: string; size: 'small' | 'large' }) {
  const [enlarged, setEnlarged] = useState(false);
  return (
    <>
      <UnstyledButton
        className="review-thumb"
        data-size={size}
        onClick={() => setEnlarged(true)}
        aria-label={`Enlarge image: ${alt}`}
      >
        <img src={url} alt={alt} loading="lazy" decoding="async" />
      </UnstyledButton>
      <Modal
        opened={enlarged}
        onClose={() => setEnlarged(false)}
        title={alt}
        size="auto"
        centered
        classNames={{ title: 'review-enlarged-title' }}
      >
        <Stack gap="xs" align="center">
          <Image src={url} alt={alt} fit="contain" mah="78vh" maw="min(90vw, 1200px)" w="auto" />
          <Anchor href={url} target="_blank" rel="noopener noreferrer nofollow" size="xs">
            Open the original
            <span className="visually-hidden"> (opens in a new tab)</span>
          </Anchor>
        </Stack>
      </Modal>
    </>
  );
}

/**
 * One value of a task's data or of an answer, as `mediaView` classified it: an image thumbnail,
 * an audio or video player, a link, or the text itself (which wraps, keeping its line breaks).
 */
export function MediaValue({
  value,
  view,
  label,
  size = 'small',
}: {
  value: string;
  view: MediaView;
  /** What the media is, for screen readers: the template's alt text or the column's name. */
  label: string;
  size?: 'small' | 'large';
}) {
  switch (view.kind) {
    case 'image':
      return <Thumbnail url={view.url} alt={label} size={size} />;
    case 'audio':
    case 'video': {
      // Both players take the same attributes; only the element differs.
      const Player = view.kind;
      return (
        <Player
          controls
          preload="none"
          src={view.url}
          aria-label={label}
          className="review-player"
          data-size={size}
        >
          <a href={view.url}>
            {view.kind === 'audio' ? 'Download the recording' : 'Download the video'}
          </a>
        </Player>
      );
    }
    case 'link':
      return (
        <Anchor
          href={view.url}
          target="_blank"
          rel="noopener noreferrer nofollow"
          size="sm"
          className="review-link"
        >
          {value}
          <IconExternalLink size={12} aria-hidden="true" className="review-link-icon" />
          <span className="visually-hidden"> (opens in a new tab)</span>
        </Anchor>
      );
    case 'text':
      return (
        <Text span size="sm" className="review-text">
          {value}
        </Text>
      );
  }
}
