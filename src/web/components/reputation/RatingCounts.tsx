import { Group, Text } from '@mantine/core';
import { IconMoodNeutral, IconThumbDown, IconThumbUp } from '@tabler/icons-react';
import type { RatingCounts as Counts } from '../../../shared/api/reputation.js';

/** The public counts of a user's ratings: how many counterparts rated them up, neutral, down. */
export function RatingCounts({ ratings }: { ratings: Counts }) {
  const label = `Rated up by ${ratings.up}, neutral by ${ratings.neutral}, down by ${ratings.down}`;
  return (
    <Group gap={8} wrap="nowrap" aria-label={label} role="img">
      <Group gap={2} wrap="nowrap" c="teal.8">
        <IconThumbUp size={15} aria-hidden="true" />
        <Text size="sm">{ratings.up}</Text>
      </Group>
      <Group gap={2} wrap="nowrap" c="gray.7">
        <IconMoodNeutral size={15} aria-hidden="true" />
        <Text size="sm">{ratings.neutral}</Text>
      </Group>
      <Group gap={2} wrap="nowrap" c="red.8">
        <IconThumbDown size={15} aria-hidden="true" />
        <Text size="sm">{ratings.down}</Text>
      </Group>
    </Group>
  );
}
