import { Checkbox, Group, Stack, Table, Text } from '@mantine/core';
import type { ReviewAssignment } from '../../../../shared/api/review.js';
import type { Template } from '../../../../shared/templates/index.js';
import { Decisions } from './Decisions.js';
import { readableAnswers } from './review-model.js';
import { Answers, Outcome, TaskData, WhoAndWhen } from './SubmissionParts.js';
import { WorkerActions } from './WorkerActions.js';

type SubmissionRowProps = {
  assignment: ReviewAssignment;
  template: Template;
  selected: boolean;
  onSelect: ((selected: boolean) => void) | undefined;
  blocked: boolean;
  onShowWorker: (() => void) | undefined;
  /** Opens the task's full view. */
  onOpen: () => void;
};

/** One worker's work on one task: who, the task's data, the answers, and what to do with it. */
export function SubmissionRow({
  assignment,
  template,
  selected,
  onSelect,
  blocked,
  onShowWorker,
  onOpen,
}: SubmissionRowProps) {
  const { worker, task } = assignment;
  const name = `${worker.displayName}’s work on task #${task.number}`;
  return (
    <Table.Tr bg={selected ? 'var(--mantine-color-tessera-0)' : undefined}>
      <Table.Td>
        {onSelect && (
          <Checkbox
            aria-label={`Select ${name}`}
            checked={selected}
            onChange={(event) => onSelect(event.currentTarget.checked)}
          />
        )}
      </Table.Td>
      <Table.Td className="review-who">
        <WhoAndWhen assignment={assignment} blocked={blocked} />
      </Table.Td>
      <Table.Td className="review-data-cell">
        <TaskData data={task.data} template={template} number={task.number} onOpen={onOpen} />
      </Table.Td>
      <Table.Td className="review-answers-cell">
        {assignment.answers === null ? (
          <Text size="sm" c="dimmed">
            Not submitted
          </Text>
        ) : (
          <Answers lines={readableAnswers(template, task.data, assignment.answers)} />
        )}
      </Table.Td>
      <Table.Td>
        <Stack gap="xs" align="flex-start">
          <Outcome assignment={assignment} />
          <Group gap={6} wrap="nowrap" align="flex-start">
            <Decisions assignment={assignment} name={name} />
            <WorkerActions assignment={assignment} blocked={blocked} onShowWorker={onShowWorker} />
          </Group>
        </Stack>
      </Table.Td>
    </Table.Tr>
  );
}
