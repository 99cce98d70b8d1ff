import { Card, Group, SimpleGrid, Skeleton, Text } from '@mantine/core';
import type { Reputation } from '../../../shared/api/reputation.js';
import { useReputation } from '../../api/reputation.js';
import { ErrorAlert } from '../ErrorAlert.js';
import { requesterFacts, workerFacts } from './format.js';
import { RatingCounts } from './RatingCounts.js';

/**
 * A user's reputation in one role on their public profile: computed from the record (decisions,
 * review times, measured pay, known-answer accuracy) and the counts of their ratings. Never
 * anything they typed in, and never a worker's earnings.
 */
export function ReputationCard({ handle, role }: { handle: string; role: keyof Reputation }) {
  const reputation = useReputation(handle);
  if (reputation.isPending) return <Skeleton height={96} />;
  if (reputation.isError) {
    return <ErrorAlert error={reputation.error} onRetry={() => void reputation.refetch()} />;
  }
  const requester = reputation.data.requester;
  const worker = reputation.data.worker;
  const shown =
    role === 'requester'
      ? requester && { facts: requesterFacts(requester), ratings: requester.ratings }
      : worker && { facts: workerFacts(worker), ratings: worker.ratings };
  if (!shown) return null;
  return (
    <Card padding="md" component="section" aria-label={`Reputation as a ${role}`}>
      <Group justify="space-between" mb="xs">
        <Text size="xs" fw={700} c="dimmed" tt="uppercase" lts={0.5}>
          Reputation
        </Text>
        <RatingCounts ratings={shown.ratings} />
      </Group>
      <SimpleGrid cols={{ base: 1, xs: shown.facts.length > 2 ? 4 : 2 }} spacing="sm">
        {shown.facts.map((fact) => (
          <div key={fact.label}>
            <Text size="xs" c="dimmed">
              {fact.label}
            </Text>
            <Text fw={600}>{fact.value}</Text>
          </div>
        ))}
      </SimpleGrid>
    </Card>
  );
}
