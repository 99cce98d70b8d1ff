import { Alert, Badge, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import { IconDatabaseOff } from '@tabler/icons-react';
import type { Batch, Project } from '../../../../shared/api/projects.js';
import { formatCents } from '../../../../shared/money.js';
import { useBatches } from '../../../api/projects.js';
import { EmptyState } from '../../../components/EmptyState.js';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import { LoadingState } from '../../../components/LoadingState.js';
import { formatDateTime } from '../../../lib/format.js';
import { BatchUpload } from './BatchUpload.js';
import { TasksTable } from './TasksTable.js';
import { LoadMoreButton } from '../../../components/LoadMoreButton.js';

const OPEN_FOR_DATA: readonly Project['status'][] = ['draft', 'published', 'paused'];

function BatchRow({ batch }: { batch: Batch }) {
  const shown = batch.columns.slice(0, 5);
  return (
    <Table.Tr>
      <Table.Td>
        <Text size="sm" fw={600} lineClamp={1}>
          {batch.filename ?? 'Uploaded through the API'}
        </Text>
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
      </Table.Td>
    </Table.Tr>
  );
}

function BatchesList({ project }: { project: Project }) {
  const batches = useBatches(project.id);
  const rows = batches.data?.pages.flatMap((page) => page.items) ?? [];
  const columns = [...new Set([...rows].reverse().flatMap((batch) => batch.columns))];
  return (
    <>
      <Card p={0}>
        <Group px="md" py="sm" className="table-toolbar" justify="space-between">
          <Title order={2} fz="h3">
            Batches
          </Title>
          <Text size="sm" c="dimmed">
            {project.progress.tasks.toLocaleString('en')} tasks in all
          </Text>
        </Group>
        {batches.isPending && <LoadingState label="Loading batches…" />}
        {batches.isError && (
          <ErrorAlert error={batches.error} onRetry={() => void batches.refetch()} mt="md" />
        )}
        {batches.isSuccess && rows.length === 0 && (
          <EmptyState
            icon={<IconDatabaseOff size={28} aria-hidden="true" />}
            title="No data yet"
            description="Upload a file above: each row becomes a task, filled into your design."
            framed={false}
          />
        )}
        {rows.length > 0 && (
          <Table.ScrollContainer minWidth={640}>
            <Table aria-label="Batches">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>File</Table.Th>
                  <Table.Th ta="right">Rows</Table.Th>
                  <Table.Th>Columns</Table.Th>
                  <Table.Th ta="right">Escrowed</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((batch) => (
                  <BatchRow key={batch.id} batch={batch} />
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        <LoadMoreButton pages={batches} />
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
    </Stack>
  );
}
