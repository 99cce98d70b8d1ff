import {
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  SegmentedControl,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconGavel, IconScale } from '@tabler/icons-react';
import { useState } from 'react';
import { Link } from 'react-router';
import {
  PROPOSAL_STATUSES,
  RULES,
  type Proposal,
  type ProposalStatus,
  type Rule,
} from '../../../shared/api/governance.js';
import { useMe } from '../../api/accounts.js';
import { useProposals, useRules } from '../../api/governance.js';
import { EmptyState } from '../../components/EmptyState.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { LoadingState } from '../../components/LoadingState.js';
import { PageHeader } from '../../components/PageHeader.js';
import { QueryList } from '../../components/QueryList.js';
import { formatDate, formatDateTime } from '../../lib/format.js';
import { paths } from '../../lib/paths.js';
import { formatRuleValue, STATUS_COLORS, STATUS_LABELS } from './governance/format.js';
import { ProposeModal } from './governance/ProposeModal.js';

function RuleRow({ rule }: { rule: Rule }) {
  const earlier = rule.history.slice(1);
  return (
    <Table.Tr>
      <Table.Td>
        <Text fw={600}>{rule.title}</Text>
        <Text size="sm" c="dimmed">
          {rule.description}
        </Text>
      </Table.Td>
      <Table.Td>
        <Text fw={600}>{formatRuleValue(rule.key, rule.value)}</Text>
        {rule.history[0] && (
          <Text size="xs" c="dimmed">
            since {formatDate(rule.history[0].effectiveFrom)}
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        {earlier.length === 0 ? (
          <Text size="sm" c="dimmed">
            Unchanged since the start
          </Text>
        ) : (
          <Stack gap={2}>
            {earlier.map((change) => (
              <Text size="sm" key={`${change.effectiveFrom}-${change.value}`}>
                {formatRuleValue(rule.key, change.value)} from {formatDate(change.effectiveFrom)}
                {change.source === 'initial' ? ' (at the start)' : ''}
              </Text>
            ))}
          </Stack>
        )}
      </Table.Td>
    </Table.Tr>
  );
}

export function ProposalSummary({ proposal }: { proposal: Proposal }) {
  const { workers, requesters } = proposal.tallies;
  return (
    <Card withBorder padding="md">
      <Group justify="space-between" wrap="nowrap" align="flex-start">
        <Stack gap={4}>
          <Anchor component={Link} to={paths.proposal(proposal.id)} fw={600}>
            {RULES[proposal.rule].title}: {formatRuleValue(proposal.rule, proposal.previousValue)} →{' '}
            {formatRuleValue(proposal.rule, proposal.value)}
          </Anchor>
          <Text size="sm" lineClamp={2}>
            {proposal.reason}
          </Text>
          <Text size="xs" c="dimmed">
            Proposed by {proposal.proposer.displayName ?? 'a deleted account'} ·{' '}
            {proposal.status === 'voting'
              ? `voting closes ${formatDateTime(proposal.closesAt)}`
              : `closed ${formatDateTime(proposal.decidedAt ?? proposal.closesAt)}`}{' '}
            · workers {workers.yes} yes / {workers.no} no · requesters {requesters.yes} yes /{' '}
            {requesters.no} no
          </Text>
        </Stack>
        <Badge color={STATUS_COLORS[proposal.status]} variant="light">
          {STATUS_LABELS[proposal.status]}
        </Badge>
      </Group>
    </Card>
  );
}

const FILTERS = [
  { value: 'all', label: 'All' },
  ...PROPOSAL_STATUSES.map((status) => ({ value: status, label: STATUS_LABELS[status] })),
];

/** The rules in force with their history, and the members' proposals to change them. */
export function RulesPage() {
  const me = useMe();
  const rules = useRules();
  const [filter, setFilter] = useState('all');
  const status: ProposalStatus | undefined = PROPOSAL_STATUSES.find((s) => s === filter);
  const proposals = useProposals(status);
  const [proposing, { open, close }] = useDisclosure(false);

  return (
    <Stack gap="lg">
      <PageHeader
        title="Rules"
        description="Tessera's rules are set by its members. Anyone with a record — approved work, or work they reviewed — may propose a change; it passes only with a majority of the voting workers and of the voting requesters."
        actions={
          me.data && rules.data ? (
            <Button leftSection={<IconGavel size={16} aria-hidden="true" />} onClick={open}>
              Propose a change
            </Button>
          ) : undefined
        }
      />
      <section aria-labelledby="rules-in-force">
        <Title order={2} size="h3" id="rules-in-force" mb="sm">
          Rules in force
        </Title>
        {rules.isPending && <LoadingState label="Loading the rules…" />}
        {rules.isError && <ErrorAlert error={rules.error} onRetry={() => void rules.refetch()} />}
        {rules.data && (
          <Card withBorder padding={0}>
            <Table.ScrollContainer minWidth={640}>
              <Table verticalSpacing="sm" horizontalSpacing="md">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">Rule</Table.Th>
                    <Table.Th scope="col">In force</Table.Th>
                    <Table.Th scope="col">Earlier values</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {rules.data.items.map((rule) => (
                    <RuleRow key={rule.key} rule={rule} />
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Card>
        )}
      </section>
      <section aria-labelledby="proposals">
        <Group justify="space-between" mb="sm">
          <Title order={2} size="h3" id="proposals">
            Proposals
          </Title>
          <SegmentedControl
            aria-label="Show proposals"
            data={FILTERS}
            value={filter}
            onChange={setFilter}
          />
        </Group>
        <QueryList
          query={proposals}
          loadingLabel="Loading proposals…"
          errorTitle="Proposals could not be loaded"
          moreInCard={false}
          empty={
            <EmptyState
              icon={<IconScale aria-hidden="true" />}
              title={
                status ? `No ${STATUS_LABELS[status].toLowerCase()} proposals` : 'No proposals yet'
              }
              description="Members with a record can propose a new value for any rule above."
            />
          }
        >
          {(items) => (
            <Stack gap="sm">
              {items.map((proposal) => (
                <ProposalSummary key={proposal.id} proposal={proposal} />
              ))}
            </Stack>
          )}
        </QueryList>
      </section>
      {rules.data && <ProposeModal opened={proposing} onClose={close} rules={rules.data.items} />}
    </Stack>
  );
}
