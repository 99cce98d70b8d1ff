import { Badge, Card, Divider, Group, Select, Stack, Text, Title } from '@mantine/core';
import { IconClock, IconCoin } from '@tabler/icons-react';
import { useState } from 'react';
import type { Preview, Project } from '../../../../shared/api/projects.js';
import { formatCents } from '../../../../shared/money.js';
import { usePreview, useTasks } from '../../../api/projects.js';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import { LoadingState } from '../../../components/LoadingState.js';
import { Markdown } from '../../../components/Markdown.js';
import { TaskForm, type TaskFormValues } from '../../../components/task-form/TaskForm.js';
import { filledItemsOf } from '../../work/answers.js';
import { describeDuration } from '../lib/units.js';

function taskLabel(task: { number: number; data: Record<string, string> }): string {
  const first = Object.values(task.data).find((value) => value.trim() !== '') ?? '';
  const excerpt = first.length > 60 ? `${first.slice(0, 60)}…` : first;
  return `Task #${task.number}${excerpt ? `: ${excerpt}` : ''}`;
}

function WorkerView({ preview }: { preview: Preview }) {
  const [values, setValues] = useState<TaskFormValues>({});
  return (
    <Card p={0} className="worker-frame">
      <Stack gap={6} p="lg" bg="white" className="table-toolbar">
        <Title order={2}>{preview.title}</Title>
        <Group gap="lg">
          <Group gap={6}>
            <IconCoin size={16} aria-hidden="true" />
            <Text size="sm" fw={600}>
              {formatCents(preview.rewardCents)}
            </Text>
          </Group>
          <Group gap={6}>
            <IconClock size={16} aria-hidden="true" />
            <Text size="sm">{describeDuration(preview.timeAllottedSeconds)} to finish</Text>
          </Group>
        </Group>
        {preview.description && (
          <Markdown fz="sm" c="dimmed">
            {preview.description}
          </Markdown>
        )}
      </Stack>
      <Stack gap="lg" p="lg">
        {preview.instructions.trim() && (
          <Card padding="md" bg="tessera.0" withBorder={false}>
            <Text size="xs" fw={700} tt="uppercase" c="dimmed" mb={6} lts={0.5}>
              Instructions
            </Text>
            <Markdown fz="sm">{preview.instructions}</Markdown>
          </Card>
        )}
        {preview.template.kind === 'form' ? (
          <Card padding="lg">
            <TaskForm
              items={filledItemsOf(preview.template.items)}
              values={values}
              onChange={(name, value) => setValues((v) => ({ ...v, [name]: value }))}
            />
          </Card>
        ) : preview.template.frameUrl ? (
          <iframe
            title={`Task: ${preview.title}`}
            src={preview.template.frameUrl}
            sandbox="allow-scripts allow-forms"
            className="task-frame"
          />
        ) : (
          <Text size="sm" c="dimmed">
            Upload data to preview the HTML page filled in for a task.
          </Text>
        )}
      </Stack>
    </Card>
  );
}

/** Exactly what a worker sees for one task, as the API renders it. */
export function PreviewTab({ project }: { project: Project }) {
  const [taskId, setTaskId] = useState<string | null>(null);
  const tasks = useTasks(project.id, undefined, 100);
  const preview = usePreview(project.id, taskId ?? undefined);
  const options = (tasks.data?.items ?? []).map((task) => ({
    value: task.id,
    label: taskLabel(task),
  }));

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <Select
          label="Task"
          description={
            tasks.data?.nextCursor
              ? 'The first 100 tasks; every task is shown the same way.'
              : 'Choose a row of your data.'
          }
          placeholder={options.length === 0 ? 'No tasks yet' : 'The first task'}
          data={options}
          value={taskId ?? preview.data?.task?.id ?? null}
          onChange={setTaskId}
          searchable
          disabled={options.length === 0}
          w={{ base: '100%', sm: 420 }}
          nothingFoundMessage="No task matches"
        />
        <Badge variant="light" color="gray" size="lg">
          Answers here are not saved
        </Badge>
      </Group>
      {tasks.isError && <ErrorAlert error={tasks.error} onRetry={() => void tasks.refetch()} />}
      {preview.isPending && <LoadingState label="Rendering the task…" />}
      {preview.isError && (
        <ErrorAlert error={preview.error} onRetry={() => void preview.refetch()} />
      )}
      {preview.data && (
        <>
          {!preview.data.task && (
            <Text size="sm" c="dimmed">
              There are no tasks yet, so placeholders are empty. Upload data on the Data tab to see
              them filled in.
            </Text>
          )}
          <Divider label="What the worker sees" labelPosition="left" />
          <WorkerView key={preview.data.task?.id ?? 'none'} preview={preview.data} />
        </>
      )}
    </Stack>
  );
}
