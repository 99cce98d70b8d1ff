import { Group, Text, Tooltip } from '@mantine/core';
import { useLiveStatus, type LiveStatus } from '../api/live.js';

const LOOK: Record<LiveStatus, { label: string; hint: string; color: string }> = {
  live: {
    label: 'Live',
    hint: 'Pages update by themselves as work changes.',
    color: 'var(--mantine-color-teal-6)',
  },
  connecting: {
    label: 'Connecting',
    hint: 'Connecting for live updates…',
    color: 'var(--mantine-color-gray-5)',
  },
  offline: {
    label: 'Reconnecting',
    hint: 'Live updates paused: reconnecting. Pages still load as usual.',
    color: 'var(--mantine-color-yellow-6)',
  },
};

/**
 * A small dot in the header saying whether pages update live. A status region, so a screen
 * reader hears when live updates pause or come back, without being interrupted.
 */
export function LiveIndicator() {
  const status = useLiveStatus();
  const look = LOOK[status];
  return (
    <Tooltip label={look.hint} withArrow>
      <Group
        gap={6}
        wrap="nowrap"
        role="status"
        aria-label={`Live updates: ${look.label.toLowerCase()}`}
        tabIndex={0}
        data-live-status={status}
      >
        <span
          aria-hidden="true"
          style={{
            width: 8,
            height: 8,
            borderRadius: '50%',
            background: look.color,
            display: 'inline-block',
          }}
        />
        <Text size="xs" c="dimmed" visibleFrom="sm" aria-hidden="true">
          {look.label}
        </Text>
      </Group>
    </Tooltip>
  );
}
