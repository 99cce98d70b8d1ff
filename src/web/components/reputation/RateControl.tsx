import { ActionIcon, CloseButton, Group, Text, Tooltip } from '@mantine/core';
import { IconMoodNeutral, IconThumbDown, IconThumbUp } from '@tabler/icons-react';
import { useState } from 'react';
import type { RatingValue } from '../../../shared/api/reputation.js';
import { useMyRating, useRate } from '../../api/reputation.js';
import { ErrorAlert } from '../ErrorAlert.js';

const CHOICES: { value: RatingValue; label: string; color: string; Icon: typeof IconThumbUp }[] = [
  { value: 1, label: 'Thumbs up', color: 'teal', Icon: IconThumbUp },
  { value: 0, label: 'Neutral', color: 'gray', Icon: IconMoodNeutral },
  { value: -1, label: 'Thumbs down', color: 'red', Icon: IconThumbDown },
];

type Props = {
  /** Who is rated, and the decided assignment between us that allows it. */
  userId: string;
  name: string;
  assignmentId: string;
  /** What the rating does, in the rater's terms. */
  hint: string;
};

/**
 * An inline, dismissible Boomerang rating (DESIGN §10): thumbs up, neutral or down for the other
 * side of a decided assignment. It never blocks work: dismissing it, or ignoring it, is fine.
 * The rating is private to the rater; pressing another choice replaces it.
 */
export function RateControl({ userId, name, assignmentId, hint }: Props) {
  const [dismissed, setDismissed] = useState(false);
  const current = useMyRating(userId, !dismissed);
  const rate = useRate(userId);
  if (dismissed) return null;
  const value = rate.data?.value ?? current.data?.value ?? null;
  return (
    <Group gap="xs" wrap="nowrap" role="group" aria-label={`Rate ${name}`}>
      <Text size="sm" c="gray.7">
        Rate {name}:
      </Text>
      {CHOICES.map(({ value: choice, label, color, Icon }) => (
        <Tooltip key={choice} label={`${label} — ${hint}`} withArrow openDelay={400}>
          <ActionIcon
            variant={value === choice ? 'filled' : 'subtle'}
            color={color}
            aria-label={`${label} for ${name}`}
            aria-pressed={value === choice}
            loading={rate.isPending && rate.variables?.value === choice}
            onClick={() => rate.mutate({ value: choice, assignmentId })}
          >
            <Icon size={18} aria-hidden="true" />
          </ActionIcon>
        </Tooltip>
      ))}
      {value !== null && (
        <Text size="xs" c="dimmed" aria-live="polite">
          Saved (only you see it)
        </Text>
      )}
      <CloseButton size="sm" aria-label="Dismiss the rating" onClick={() => setDismissed(true)} />
      {rate.isError && <ErrorAlert error={rate.error} />}
    </Group>
  );
}
