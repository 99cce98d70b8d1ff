import { Badge, Button, Card, Group, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { IconThumbDown, IconThumbUp } from '@tabler/icons-react';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { GOVERNANCE_LIMITS, RULES, type Proposal } from '../../../shared/api/governance.js';
import { useMe } from '../../api/accounts.js';
import { useProposal, useVeto, useVote } from '../../api/governance.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { LoadingState } from '../../components/LoadingState.js';
import { PageHeader } from '../../components/PageHeader.js';
import { formatDateTime } from '../../lib/format.js';
import { paths } from '../../lib/paths.js';
import { formatRuleValue, STATUS_COLORS, STATUS_LABELS } from './governance/format.js';

function Tallies({ proposal }: { proposal: Proposal }) {
  const rows = [
    { house: 'Workers', tally: proposal.tallies.workers },
    { house: 'Requesters', tally: proposal.tallies.requesters },
  ];
  return (
    <Table withTableBorder captionSide="top" maw={420}>
      <Table.Caption>Votes per house</Table.Caption>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">House</Table.Th>
          <Table.Th scope="col">Yes</Table.Th>
          <Table.Th scope="col">No</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map(({ house, tally }) => (
          <Table.Tr key={house}>
            <Table.Th scope="row">{house}</Table.Th>
            <Table.Td>{tally.yes}</Table.Td>
            <Table.Td>{tally.no}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function VoteButtons({ proposal }: { proposal: Proposal }) {
  const vote = useVote(proposal.id);
  const me = proposal.me;
  if (!me || proposal.status !== 'voting') return null;
  if (me.vote) {
    return <Text>You voted {me.vote}.</Text>;
  }
  if (!me.houses.workers && !me.houses.requesters) {
    return (
      <Text c="dimmed">
        You can vote once you have a record: approved work as a worker, or work you reviewed as a
        requester.
      </Text>
    );
  }
  const houses = [me.houses.workers && 'workers', me.houses.requesters && 'requesters']
    .filter(Boolean)
    .join(' and ');
  return (
    <Stack gap="xs">
      <Text size="sm">Your vote counts in the {houses} house.</Text>
      <Group>
        <Button
          leftSection={<IconThumbUp size={16} aria-hidden="true" />}
          onClick={() => vote.mutate('yes')}
          loading={vote.isPending && vote.variables === 'yes'}
          disabled={vote.isPending}
        >
          Vote yes
        </Button>
        <Button
          variant="default"
          leftSection={<IconThumbDown size={16} aria-hidden="true" />}
          onClick={() => vote.mutate('no')}
          loading={vote.isPending && vote.variables === 'no'}
          disabled={vote.isPending}
        >
          Vote no
        </Button>
      </Group>
      {vote.isError && <ErrorAlert error={vote.error} title="Vote not counted" />}
    </Stack>
  );
}

function VetoForm({ proposal }: { proposal: Proposal }) {
  const [reason, setReason] = useState('');
  const [tried, setTried] = useState(false);
  const veto = useVeto(proposal.id);
  const problem = reason.trim() ? null : 'A veto needs a public reason';
  return (
    <Card withBorder>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          setTried(true);
          if (!problem) veto.mutate(reason.trim());
        }}
      >
        <Stack gap="sm">
          <Title order={2} size="h4">
            Veto (administrators)
          </Title>
          <Textarea
            label="Public reason for the veto"
            description="Shown to everyone with the proposal and kept in the audit log"
            value={reason}
            onChange={(event) => setReason(event.currentTarget.value)}
            maxLength={GOVERNANCE_LIMITS.reasonMax}
            required
            error={tried ? problem : undefined}
          />
          {veto.isError && <ErrorAlert error={veto.error} title="Not vetoed" />}
          <Button type="submit" color="red" loading={veto.isPending} w="fit-content">
            Veto this proposal
          </Button>
        </Stack>
      </form>
    </Card>
  );
}

/** One proposal: its reason, the tallies per house, the caller's vote and an admin's veto. */
export function ProposalPage() {
  const { proposalId = '' } = useParams();
  const proposal = useProposal(proposalId);
  const me = useMe();
  if (proposal.isPending) return <LoadingState label="Loading the proposal…" />;
  if (proposal.isError) {
    return (
      <>
        <PageHeader title="Proposal" />
        <ErrorAlert error={proposal.error} onRetry={() => void proposal.refetch()} />
      </>
    );
  }
  const p = proposal.data;
  const rule = RULES[p.rule];
  return (
    <Stack gap="lg">
      <PageHeader
        title={`${rule.title}: ${formatRuleValue(p.rule, p.previousValue)} → ${formatRuleValue(p.rule, p.value)}`}
        description={
          <Text component={Link} to={paths.rules} size="sm" c="blue">
            All rules and proposals
          </Text>
        }
        actions={
          <Badge size="lg" color={STATUS_COLORS[p.status]} variant="light">
            {STATUS_LABELS[p.status]}
          </Badge>
        }
      />
      <Card withBorder>
        <Stack gap="xs">
          <Text size="sm" c="dimmed">
            Proposed by {p.proposer.displayName ?? 'a deleted account'} on{' '}
            {formatDateTime(p.createdAt)} ·{' '}
            {p.status === 'voting'
              ? `voting closes ${formatDateTime(p.closesAt)}`
              : `voting closed ${formatDateTime(p.closesAt)}`}
          </Text>
          <Title order={2} size="h4">
            Reason
          </Title>
          {/* Plain text: whatever the proposer wrote is shown as written, never as markup. */}
          <Text style={{ whiteSpace: 'pre-wrap' }} data-testid="proposal-reason">
            {p.reason}
          </Text>
        </Stack>
      </Card>
      {p.veto && (
        <Card withBorder bg="var(--mantine-color-red-light)">
          <Text fw={600}>
            Vetoed by {p.veto.by.displayName ?? 'an administrator'} on {formatDateTime(p.veto.at)}
          </Text>
          <Text style={{ whiteSpace: 'pre-wrap' }}>{p.veto.reason}</Text>
        </Card>
      )}
      <Tallies proposal={p} />
      <Text size="sm" c="dimmed">
        A change passes only with more yes than no votes among the voting workers and among the
        voting requesters; a house where nobody votes fails it.{' '}
        {p.status === 'passed' && 'This change is in force.'}
      </Text>
      <VoteButtons proposal={p} />
      {p.status === 'voting' && me.data?.roles.includes('admin') && <VetoForm proposal={p} />}
    </Stack>
  );
}
