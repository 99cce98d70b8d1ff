import { Group, Paper, Text } from '@mantine/core';
import { IconAlarm, IconClock } from '@tabler/icons-react';
import { formatTimeLeft, TIME_WARNING_MS } from './time.js';

function clockState(msLeft: number) {
  const over = msLeft <= 0;
  const warning = !over && msLeft < TIME_WARNING_MS;
  return {
    over,
    warning,
    color: over ? 'red.9' : warning ? 'orange.9' : 'dark.7',
    Icon: over || warning ? IconAlarm : IconClock,
  };
}

// Digits of equal width, so the clock does not jitter as it counts down.
const TABULAR = { fontVariantNumeric: 'tabular-nums' } as const;

/**
 * The clock of an assignment in progress. It changes every second, so screen readers are told
 * only when a minute is left and when time is up, not every tick.
 */
export function TimeLeft({ msLeft }: { msLeft: number }) {
  const { over, warning, color, Icon } = clockState(msLeft);
  return (
    <Paper
      withBorder
      px="sm"
      py={6}
      bg={over ? 'red.0' : warning ? 'orange.0' : 'white'}
      data-testid="time-left"
      data-warning={warning || over}
    >
      <Group gap={8} wrap="nowrap">
        <Icon
          size={18}
          aria-hidden="true"
          color={`var(--mantine-color-${color.replace('.', '-')})`}
        />
        <Text size="sm" c="dimmed">
          Time left
        </Text>
        <Text fw={700} c={color} fz="md" miw={48} style={TABULAR}>
          {formatTimeLeft(msLeft)}
        </Text>
      </Group>
      <div className="visually-hidden" aria-live="assertive">
        {over ? 'Time is up.' : warning ? 'Less than one minute left.' : ''}
      </div>
    </Paper>
  );
}

/** The same clock, small, beside the submit button (silent: the header's clock speaks). */
export function TimeLeftInline({ msLeft }: { msLeft: number }) {
  const { color, Icon } = clockState(msLeft);
  return (
    <Group gap={6} wrap="nowrap" c={color}>
      <Icon size={16} aria-hidden="true" />
      <Text size="sm" fw={600} c={color} style={TABULAR}>
        {msLeft > 0 ? `${formatTimeLeft(msLeft)} left` : 'Time is up'}
      </Text>
    </Group>
  );
}
