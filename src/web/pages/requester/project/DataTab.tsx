import { Alert, Badge, Card, Group, List, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDatabaseOff } from '@tabler/icons-react';
import type { Batch, Project } from '../../../../shared/api/projects.js';
import { formatCents } from '../../../../shared/money.js';
import { useBatches, useWithdrawBatch } from '../../../api/projects.js';
import { CardTable } from '../../../components/CardList.js';
import { ConfirmButton } from '../../../components/ConfirmButton.js';
import { ACTIONS_COLUMN, type Column } from '../../../components/DataTable.js';
import { loadedItems } from '../../../components/QueryList.js';
import { TableHeading } from '../../../components/TableHeading.js';
import { formatDateTime } from '../../../lib/format.js';
import { BatchUpload } from './BatchUpload.js';
import { GoldSection } from './GoldSection.js';
import { TasksTable } from './TasksTable.js';

const OPEN_FOR_DATA: readonly Project['status'][] = ['draft', 'published', 'paused'];

const BATCH_COLUMNS = [
  'File',
  { label: 'Rows', ta: 'right' },
  'Columns',
  { label: 'Escrowed', ta: 'right' },
  { ...ACTIONS_COLUMN, ta: 'right' },
] satisfies Column[];

const LIVE: readonly Project['status'][] = ['published', 'paused'];

function batchName(batch: Batch) {
  return batch.filename ? `“${batch.filename}”` : 'this batch';
}

/** Delete (a draft's batch) or cancel (a published one's), after saying what happens. */
function BatchAction({ project, batch }: { project: Project; batch: Batch }) {
  const withdraw = useWithdrawBatch(project.id);
  const rows = `${batch.rowCount.toLocaleString('en')} ${batch.rowCount === 1 ? 'task' : 'tasks'}`;
  if (project.status === 'draft') {
    return (
      <ConfirmButton
        size="compact-sm"
        variant="subtle"
        color="red"
        aria-label={`Delete batch ${batch.filename ?? batch.id}`}
        title={`Delete ${batchName(batch)}?`}
        message={`Its ${rows} are removed from this draft. Nothing was charged for them, so no money moves. This cannot be undone; you can upload the file again.`}
        confirmLabel="Delete batch"
        dismissLabel="Keep it"
        onConfirm={async () => {
          const result = await withdraw.mutateAsync({ batchId: batch.id, action: 'delete' });
          notifications.show({
            color: 'teal',
            title: 'Batch deleted',
            message: `${(result.action === 'delete' ? result.deletedTasks : 0).toLocaleString('en')} tasks removed.`,
          });
        }}
      >
        Delete
      </ConfirmButton>
    );
  }
  if (!LIVE.includes(project.status) || batch.status !== 'active') return null;
  return (
    <ConfirmButton
      size="compact-sm"
      variant="subtle"
      color="red"
      aria-label={`Cancel batch ${batch.filename ?? batch.id}`}
      title={`Cancel ${batchName(batch)}?`}
      message={
        <Stack gap="xs">
          <Text size="sm">Of its {rows}:</Text>
          <List size="sm" spacing={4}>
            <List.Item>
              Tasks no worker has started are withdrawn, and their share of the{' '}
              {formatCents(batch.escrowCents)} held in escrow returns to your available funds at
              once.
            </List.Item>
            <List.Item>
              Work already accepted or submitted stays: workers can finish it and it is paid as
              usual when approved. If such work is given back, its escrow returns too.
            </List.Item>
          </List>
          <Text size="sm">Your other batches stay open. This cannot be undone.</Text>
        </Stack>
      }
      confirmLabel="Cancel batch"
      dismissLabel="Keep it open"
      onConfirm={async () => {
        const result = await withdraw.mutateAsync({ batchId: batch.id, action: 'cancel' });
        const released = result.action === 'cancel' ? result.batch.releasedCents : 0;
        notifications.show({
          color: 'teal',
          title: 'Batch cancelled',
          message: `${formatCents(released)} returned to your available funds.`,
        });
      }}
    >
      Cancel
    </ConfirmButton>
  );
}

function BatchRow({ project, batch }: { project: Project; batch: Batch }) {
  const shown = batch.columns.slice(0, 5);
  const cancelled = batch.status === 'cancelled';
  return (
    <Table.Tr>
      <Table.Td>
        <Group gap="xs" wrap="nowrap">
          <Text size="sm" fw={600} lineClamp={1}>
            {batch.filename ?? 'Uploaded through the API'}
          </Text>
          {cancelled && (
            <Badge color="gray" variant="light" size="sm">
              Cancelled
            </Badge>
          )}
        </Group>
        <Text size="xs" c="dimmed">
          {formatDateTime(batch.createdAt)}
        </Text>
      </Table.Td>
      <Table.Td ta="right">
        <Text size="sm">{batch.rowCount.toLocaleString('en')}</Text>
      </Table.Td>
      <Table.Td>
        <Group gap={4}>
          {shown.map((column) => (
            <Badge key={column} color="gray" ff="monospace" size="sm">
              {column}
            </Badge>
          ))}
          {batch.columns.length > shown.length && (
            <Text size="xs" c="dimmed">
              +{batch.columns.length - shown.length} more
            </Text>
          )}
        </Group>
      </Table.Td>
      <Table.Td ta="right">
        <Text size="sm" c={batch.escrowCents > 0 ? undefined : 'dimmed'}>
          {batch.escrowCents > 0 ? formatCents(batch.escrowCents) : 'At publish'}
        </Text>
        {cancelled && (
          <Text size="xs" c="dimmed">
            {formatCents(batch.releasedCents)} returned
          </Text>
        )}
      </Table.Td>
      <Table.Td ta="right">
        <BatchAction project={project} batch={batch} />
      </Table.Td>
    </Table.Tr>
  );
}

function BatchesList({ project }: { project: Project }) {
  const batches = useBatches(project.id);
  const rows = loadedItems(batches.data) ?? [];
  const columns = [...new Set([...rows].reverse().flatMap((batch) => batch.columns))];
  return (
    <>
      <Card p={0}>
        <TableHeading title="Batches">
          <Text size="sm" c="dimmed">
            {project.progress.tasks.toLocaleString('en')} tasks in all
          </Text>
        </TableHeading>
        <CardTable
          query={batches}
          loadingLabel="Loading batches…"
          empty={{
            icon: <IconDatabaseOff size={28} aria-hidden="true" />,
            title: 'No data yet',
            description: 'Upload a file above: each row becomes a task, filled into your design.',
          }}
          label="Batches"
          columns={BATCH_COLUMNS}
          minWidth={640}
          row={(batch) => <BatchRow key={batch.id} project={project} batch={batch} />}
        />
      </Card>
      <TasksTable project={project} columns={columns} />
    </>
  );
}

export function DataTab({ project }: { project: Project }) {
  const open = OPEN_FOR_DATA.includes(project.status);
  return (
    <Stack gap="lg">
      {open ? (
        <BatchUpload project={project} />
      ) : (
        <Alert color="tessera" variant="light" title={`This project is ${project.status}`}>
          It takes no more data.
        </Alert>
      )}
      <BatchesList project={project} />
      <GoldSection project={project} />
    </Stack>
  );
}
