import {
  ActionIcon,
  Badge,
  Card,
  Group,
  Progress,
  SegmentedControl,
  Select,
  Switch,
  Table,
  Text,
} from '@mantine/core';
import { IconChevronDown, IconChevronRight, IconScale } from '@tabler/icons-react';
import { Fragment, useState } from 'react';
import {
  AGGREGATION_METHODS,
  type Aggregate,
  type AggregationMethod,
} from '../../../../shared/api/aggregates.js';
import type { Project } from '../../../../shared/api/projects.js';
import { useAggregates } from '../../../api/aggregates.js';
import { DataTable } from '../../../components/DataTable.js';
import { EmptyState } from '../../../components/EmptyState.js';
import { QueryList } from '../../../components/QueryList.js';
import { TableHeading } from '../../../components/TableHeading.js';
import { formatDateTime } from '../../../lib/format.js';
import { isOneOf } from '../../../lib/narrow.js';

export const METHOD_LABELS: Record<AggregationMethod, string> = {
  dawid_skene: 'Dawid-Skene',
  majority: 'Majority vote',
};
const THRESHOLDS = ['0.5', '0.6', '0.7', '0.8', '0.9'];

export const percent = (share: number) => `${Math.round(share * 100)}%`;

/** Green when the crowd is sure, yellow when it is split, red when the answer is a guess. */
function confidenceColor(confidence: number) {
  if (confidence >= 0.8) return 'teal';
  if (confidence >= 0.6) return 'yellow';
  return 'red';
}

function ConfidenceBar({ value }: { value: number }) {
  return (
    <Group gap="xs" wrap="nowrap">
      <Progress
        value={value * 100}
        color={confidenceColor(value)}
        w={90}
        size="md"
        aria-label={`Confidence ${percent(value)}`}
      />
      <Text size="sm" className="stat-value" w={40} ta="right">
        {percent(value)}
      </Text>
    </Group>
  );
}

function votesSummary(votes: Record<string, number>) {
  return Object.entries(votes)
    .sort((a, b) => b[1] - a[1])
    .map(([label, count]) => `${label} ${count}`)
    .join(' · ');
}

function AggregateRow({ aggregate }: { aggregate: Aggregate }) {
  const [open, setOpen] = useState(false);
  const name = `task #${aggregate.taskNumber}, ${aggregate.item}`;
  return (
    <Fragment>
      <Table.Tr>
        <Table.Td>
          <ActionIcon
            variant="subtle"
            color="gray"
            onClick={() => setOpen((o) => !o)}
            aria-expanded={open}
            aria-label={`${open ? 'Hide' : 'Show'} who answered what for ${name}`}
          >
            {open ? (
              <IconChevronDown size={16} aria-hidden="true" />
            ) : (
              <IconChevronRight size={16} aria-hidden="true" />
            )}
          </ActionIcon>
        </Table.Td>
        <Table.Td>
          <Text size="sm" c="dimmed">
            #{aggregate.taskNumber}
          </Text>
        </Table.Td>
        <Table.Td ff="monospace" fz="xs">
          {aggregate.item}
        </Table.Td>
        <Table.Td>
          <Text size="sm" fw={600}>
            {aggregate.answer ?? '—'}
          </Text>
        </Table.Td>
        <Table.Td>
          <ConfidenceBar value={aggregate.confidence} />
        </Table.Td>
        <Table.Td>
          <Text size="sm" c="dimmed">
            {votesSummary(aggregate.votes)}
          </Text>
        </Table.Td>
      </Table.Tr>
      {open && (
        <Table.Tr>
          <Table.Td />
          <Table.Td colSpan={5}>
            <Group gap="xs" aria-label={`Answers for ${name}`} role="list">
              {aggregate.voters.map((v, i) => (
                <Badge
                  key={`${v.workerId}-${i}`}
                  role="listitem"
                  variant="light"
                  color={v.answer === aggregate.answer ? 'teal' : 'gray'}
                  tt="none"
                >
                  {v.displayName}: {v.answer ?? 'no answer'}
                </Badge>
              ))}
              {aggregate.voters.length === 0 && (
                <Text size="sm" c="dimmed">
                  No handed-in answers any more.
                </Text>
              )}
            </Group>
          </Table.Td>
        </Table.Tr>
      )}
    </Fragment>
  );
}

/**
 * The crowd's answer per task and choice-like item, by Dawid-Skene or majority vote, with its
 * confidence; the uncertain ones can be singled out for a second look.
 */
export function AggregatesCard({ project }: { project: Project }) {
  const [method, setMethod] = useState<AggregationMethod>('dawid_skene');
  const [lowOnly, setLowOnly] = useState(false);
  const [threshold, setThreshold] = useState('0.7');
  const aggregates = useAggregates(project.id, method, lowOnly ? Number(threshold) : undefined);
  const computedAt = aggregates.data?.pages[0]?.computedAt ?? null;

  return (
    <Card p={0}>
      <TableHeading title="Aggregated answers">
        <Group gap="md">
          <SegmentedControl
            aria-label="Aggregation method"
            size="xs"
            value={method}
            onChange={(value) => {
              if (isOneOf(AGGREGATION_METHODS, value)) setMethod(value);
            }}
            data={Object.entries(METHOD_LABELS).map(([value, label]) => ({ value, label }))}
          />
          <Switch
            label="Only low confidence"
            checked={lowOnly}
            onChange={(e) => setLowOnly(e.currentTarget.checked)}
          />
          <Select
            aria-label="Low confidence means below"
            size="xs"
            w={90}
            disabled={!lowOnly}
            allowDeselect={false}
            value={threshold}
            onChange={(value) => setThreshold(value ?? '0.7')}
            data={THRESHOLDS.map((t) => ({ value: t, label: `< ${percent(Number(t))}` }))}
          />
        </Group>
      </TableHeading>
      {computedAt && (
        <Text size="xs" c="dimmed" px="md" pt="xs">
          Last computed {formatDateTime(computedAt)}. Confidence is{' '}
          {method === 'dawid_skene'
            ? 'the posterior probability of the answer'
            : 'the answer’s share of the votes'}
          ; gold tasks show their known answer.
        </Text>
      )}
      <QueryList
        query={aggregates}
        loadingLabel="Loading aggregated answers…"
        errorMt="md"
        empty={
          <EmptyState
            framed={false}
            icon={<IconScale size={28} aria-hidden="true" />}
            title={lowOnly ? 'Nothing below that confidence' : 'Nothing aggregated yet'}
            description={
              lowOnly
                ? `Every aggregated answer has a confidence of at least ${percent(Number(threshold))}.`
                : `Aggregates appear once tasks have answers to their choice questions; ${
                    computedAt
                      ? `last computed at ${formatDateTime(computedAt)}`
                      : 'they have not been computed yet'
                  }.`
            }
          />
        }
      >
        {(rows) => (
          <DataTable
            label="Aggregated answers"
            columns={[
              { label: <span className="visually-hidden">Votes</span>, w: 48 },
              { label: 'Task', w: 80 },
              'Item',
              'Answer',
              'Confidence',
              'Votes',
            ]}
            minWidth={680}
            highlightOnHover
          >
            {rows.map((a) => (
              <AggregateRow key={`${a.taskId}:${a.item}`} aggregate={a} />
            ))}
          </DataTable>
        )}
      </QueryList>
    </Card>
  );
}
