import { Card, Table, Text } from '@mantine/core';
import type { Project, Task } from '../../../../shared/api/projects.js';
import { useTasks } from '../../../api/projects.js';
import { DataTable } from '../../../components/DataTable.js';
import { PagerFooter } from '../../../components/PreviousNextButtons.js';
import { QueryList } from '../../../components/QueryList.js';
import { TableHeading } from '../../../components/TableHeading.js';
import { useCursorTrail } from '../../../lib/use-cursor-trail.js';

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
  const pages = useCursorTrail();
  const tasks = useTasks(project.id, pages.cursor, PAGE_SIZE);
  const items = tasks.data?.items ?? [];
  const nextCursor = tasks.data?.nextCursor;
  const { shown, hidden } = columnsOf(items, columns);
  const first = (pages.page - 1) * PAGE_SIZE + 1;

  if (project.progress.tasks === 0 && tasks.isSuccess && items.length === 0) return null;

  return (
    <Card p={0}>
      <TableHeading title="Tasks">
        {hidden > 0 && (
          <Text size="xs" c="dimmed">
            Showing the first {MAX_COLUMNS} columns of {MAX_COLUMNS + hidden}
          </Text>
        )}
      </TableHeading>
      <QueryList query={tasks} items={tasks.data?.items} loadingLabel="Loading tasks…" errorMt="md">
        {(rows) => (
          <DataTable
            label="Tasks"
            columns={[
              { label: 'Task', w: 80 },
              ...shown.map((column) => ({ label: column, ff: 'monospace', fz: 'xs' })),
            ]}
            minWidth={560}
            striped
            highlightOnHover
          >
            {rows.map((task) => (
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
          </DataTable>
        )}
      </QueryList>
      {(pages.page > 1 || nextCursor) && (
        <PagerFooter
          summary={
            items.length > 0
              ? `Tasks ${first.toLocaleString('en')}–${(first + items.length - 1).toLocaleString('en')} of ${project.progress.tasks.toLocaleString('en')}`
              : ''
          }
          onPrevious={pages.page === 1 ? undefined : pages.back}
          onNext={
            !nextCursor || tasks.isPlaceholderData ? undefined : () => pages.forward(nextCursor)
          }
        />
      )}
    </Card>
  );
}
