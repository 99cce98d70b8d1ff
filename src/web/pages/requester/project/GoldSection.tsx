import { Badge, Button, Card, Code, Group, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconTargetArrow } from '@tabler/icons-react';
import { useState } from 'react';
import type { GoldTask } from '../../../../shared/api/gold.js';
import type { Project } from '../../../../shared/api/projects.js';
import { GOLD_LIST_SEPARATOR } from '../../../../shared/templates/gold.js';
import { useGoldTasks, useRemoveGold } from '../../../api/gold.js';
import { CardTable } from '../../../components/CardList.js';
import { ConfirmButton } from '../../../components/ConfirmButton.js';
import { ACTIONS_COLUMN, type Column } from '../../../components/DataTable.js';
import { TableHeading } from '../../../components/TableHeading.js';
import { GoldEditDialog } from './GoldEditDialog.js';

const GOLD_COLUMNS = [
  'Task',
  'Known answers',
  'Explanation',
  { label: 'Workers right', ta: 'right' },
  { ...ACTIONS_COLUMN, ta: 'right' },
] satisfies Column[];

function answerText(value: unknown): string {
  return Array.isArray(value) ? value.join(` ${GOLD_LIST_SEPARATOR} `) : String(value);
}

/** The first cells of a task's data, so the requester recognises it. */
function dataSummary(data: Record<string, string>): string {
  return Object.values(data).slice(0, 2).join(' · ');
}

function GoldRow({
  project,
  gold,
  onEdit,
}: {
  project: Project;
  gold: GoldTask;
  onEdit: () => void;
}) {
  const remove = useRemoveGold(project.id);
  return (
    <Table.Tr>
      <Table.Td>
        <Text size="sm" fw={600}>
          #{gold.taskNumber}
        </Text>
        <Text size="xs" c="dimmed" lineClamp={1} maw={220}>
          {dataSummary(gold.data)}
        </Text>
      </Table.Td>
      <Table.Td>
        <Group gap={4}>
          {Object.entries(gold.answers).map(([item, value]) => (
            <Badge key={item} variant="light" color="teal" tt="none" size="sm">
              {item}: {answerText(value)}
            </Badge>
          ))}
        </Group>
      </Table.Td>
      <Table.Td>
        <Text size="sm" c={gold.explanation ? undefined : 'dimmed'} lineClamp={2} maw={280}>
          {gold.explanation ?? 'None'}
        </Text>
      </Table.Td>
      <Table.Td ta="right">
        {gold.correctPercent === null ? (
          <Text size="sm" c="dimmed">
            Not answered yet
          </Text>
        ) : (
          <Text size="sm">
            {gold.correctPercent} % of {gold.answered.toLocaleString('en')}
          </Text>
        )}
      </Table.Td>
      <Table.Td ta="right">
        <Group gap={4} justify="flex-end" wrap="nowrap">
          <Button
            size="compact-sm"
            variant="subtle"
            onClick={onEdit}
            aria-label={`Edit known answers of task #${gold.taskNumber}`}
          >
            Edit
          </Button>
          <ConfirmButton
            size="compact-sm"
            variant="subtle"
            color="red"
            aria-label={`Remove known answers of task #${gold.taskNumber}`}
            title={`Make task #${gold.taskNumber} an ordinary task?`}
            message="Its known answers are forgotten and it is no longer scored. Answers already scored keep their score."
            confirmLabel="Remove known answers"
            dismissLabel="Keep them"
            onConfirm={async () => {
              await remove.mutateAsync(gold.taskId);
              notifications.show({
                color: 'teal',
                title: 'Known answers removed',
                message: `Task #${gold.taskNumber} is an ordinary task now.`,
              });
            }}
          >
            Remove
          </ConfirmButton>
        </Group>
      </Table.Td>
    </Table.Tr>
  );
}

/** The project's gold (known-answer) tasks: how workers did on each, and their answers to edit. */
export function GoldSection({ project }: { project: Project }) {
  const gold = useGoldTasks(project.id);
  const [editing, setEditing] = useState<GoldTask | null>(null);
  return (
    <Card p={0}>
      <TableHeading title="Gold tasks">
        <Text size="sm" c="dimmed">
          {project.quality.goldPercent > 0
            ? `About ${project.quality.goldPercent} % of each worker’s tasks`
            : 'Not mixed in: set a gold rate in Settings'}
        </Text>
      </TableHeading>
      <CardTable
        query={gold}
        loadingLabel="Loading gold tasks…"
        empty={{
          icon: <IconTargetArrow size={28} aria-hidden="true" />,
          title: 'No gold tasks yet',
          description: (
            <>
              Gold tasks have known answers: workers cannot tell them apart, and their answers
              measure how accurate each worker is. Upload them with your data — in a CSV, add a
              column <Code>Gold.&lt;item&gt;</Code> per answer (and <Code>Gold.explanation</Code>
              ); in JSON, write a row as{' '}
              <Code>{'{ "data": {…}, "gold": { "answers": {…}, "explanation": "…" } }'}</Code>.
            </>
          ),
        }}
        label="Gold tasks"
        columns={GOLD_COLUMNS}
        minWidth={720}
        row={(item) => (
          <GoldRow
            key={item.taskId}
            project={project}
            gold={item}
            onEdit={() => setEditing(item)}
          />
        )}
      />
      {editing && (
        <GoldEditDialog project={project} gold={editing} onClose={() => setEditing(null)} />
      )}
    </Card>
  );
}
