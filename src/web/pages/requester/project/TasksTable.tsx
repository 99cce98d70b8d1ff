import { Button, Card, Group, Table, Text, Title } from '@mantine/core';
import { IconChevronLeft, IconChevronRight } from '@tabler/icons-react';
import { useState } from 'react';
import type { Project, Task } from '../../../../shared/api/projects.js';
import { useTasks } from '../../../api/projects.js';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import { LoadingState } from '../../../components/LoadingState.js';

const PAGE_SIZE = 25;
const MAX_COLUMNS = 6;

/**
 * The columns of a page of tasks, at most MAX_COLUMNS: in the uploaded files' order where known
 * (task data comes back with its keys in the database's order), then any others.
 */
function columnsOf(
  tasks: readonly Task[],
  uploaded: readonly string[],
): { shown: string[]; hidden: number } {
  const present = new Set(tasks.flatMap((task) => Object.keys(task.data)));
  const all = [...new Set([...uploaded.filter((c) => present.has(c)), ...present])];
  return { shown: all.slice(0, MAX_COLUMNS), hidden: Math.max(0, all.length - MAX_COLUMNS) };
}

/** The tasks and the data that fills each one, a page at a time. */
export function TasksTable({
  project,
  columns,
}: {
  project: Project;
  /** The batches' columns, oldest batch first. */
  columns: readonly string[];
}) {
  // Cursors of the pages before this one, so "Previous" can go back without offsets.
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const cursor = cursors[cursors.length - 1];
  const tasks = useTasks(project.id, cursor, PAGE_SIZE);
  const items = tasks.data?.items ?? [];
  const { shown, hidden } = columnsOf(items, columns);
  const page = cursors.length;
  const first = (page - 1) * PAGE_SIZE + 1;

  if (project.progress.tasks === 0 && tasks.isSuccess && items.length === 0) return null;

  return (
    <Card p={0}>
      <Group px="md" py="sm" className="table-toolbar" justify="space-between">
        <Title order={2} fz="h3">
          Tasks
        </Title>
        {hidden > 0 && (
          <Text size="xs" c="dimmed">
            Showing the first {MAX_COLUMNS} columns of {MAX_COLUMNS + hidden}
          </Text>
        )}
      </Group>
      {tasks.isPending && <LoadingState label="Loading tasks…" />}
      {tasks.isError && (
        <ErrorAlert error={tasks.error} onRetry={() => void tasks.refetch()} mt="md" />
      )}
      {items.length > 0 && (
        <Table.ScrollContainer minWidth={560}>
          <Table aria-label="Tasks" striped highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={80}>Task</Table.Th>
                {shown.map((column) => (
                  <Table.Th key={column} ff="monospace" fz="xs">
                    {column}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((task) => (
                <Table.Tr key={task.id}>
                  <Table.Td>
                    <Text size="sm" c="dimmed" title={`Row ${task.rowNumber} of its batch`}>
                      #{task.number}
                    </Text>
                  </Table.Td>
                  {shown.map((column) => (
                    <Table.Td key={column} className="data-cell" title={task.data[column]}>
                      <Text size="sm" truncate>
                        {task.data[column] ?? ''}
                      </Text>
                    </Table.Td>
                  ))}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {(page > 1 || tasks.data?.nextCursor) && (
        <Group justify="space-between" p="md" className="table-footer">
          <Text size="sm" c="dimmed">
            {items.length > 0
              ? `Tasks ${first.toLocaleString('en')}–${(first + items.length - 1).toLocaleString('en')} of ${project.progress.tasks.toLocaleString('en')}`
              : ''}
          </Text>
          <Group gap="xs">
            <Button
              variant="default"
              size="xs"
              leftSection={<IconChevronLeft size={14} aria-hidden="true" />}
              disabled={page === 1}
              onClick={() => setCursors((c) => c.slice(0, -1))}
            >
              Previous
            </Button>
            <Button
              variant="default"
              size="xs"
              rightSection={<IconChevronRight size={14} aria-hidden="true" />}
              disabled={!tasks.data?.nextCursor || tasks.isPlaceholderData}
              onClick={() => {
                const next = tasks.data?.nextCursor;
                if (next) setCursors((c) => [...c, next]);
              }}
            >
              Next
            </Button>
          </Group>
        </Group>
      )}
    </Card>
  );
}
