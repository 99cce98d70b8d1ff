import { Badge, Group, Text } from '@mantine/core';
import { Link } from 'react-router';
import { paths } from '../../lib/paths.js';
import type { RequesterReputation, WorkerReputation } from '../../../shared/api/reputation.js';
import { requesterFacts, workerFacts } from './format.js';
import { RatingCounts } from './RatingCounts.js';

type Props =
  | { kind: 'requester'; reputation: RequesterReputation; label?: string }
  | { kind: 'worker'; reputation: WorkerReputation; label?: string };

/** A user's reputation on one line (a feed entry, a review row): facts and rating counts. */
export function ReputationLine(props: Props) {
  const facts =
    props.kind === 'requester' ? requesterFacts(props.reputation) : workerFacts(props.reputation);
  return (
    <Group
      gap="md"
      wrap="wrap"
      component="section"
      aria-label={
        props.label ?? `${props.kind === 'requester' ? 'Requester' : 'Worker'} reputation`
      }
    >
      {facts.map((fact) => (
        <Text key={fact.label} size="sm" c="gray.7">
          {fact.label}{' '}
          <Text span fw={600} c="gray.9" inherit>
            {fact.value}
          </Text>
        </Text>
      ))}
      <RatingCounts ratings={props.reputation.ratings} />
      {props.kind === 'requester' && props.reputation.flagged && (
        <Badge
          color="orange"
          variant="light"
          component={Link}
          to={paths.rules}
          title="Rejects more of the work than the members' rule allows"
        >
          Flagged: rejects {props.reputation.rejectionPercent}% of work
        </Badge>
      )}
    </Group>
  );
}
