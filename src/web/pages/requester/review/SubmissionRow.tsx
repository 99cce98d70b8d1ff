import { Checkbox, Group, Stack, Table, Text } from '@mantine/core';
import type { ReviewListItem } from '../../../../shared/api/review.js';
import type { Template } from '../../../../shared/templates/index.js';
import { RateControl } from '../../../components/reputation/RateControl.js';
import { ReputationLine } from '../../../components/reputation/ReputationLine.js';
import { Decisions } from './Decisions.js';
import { readableAnswers } from './review-model.js';
import { Answers, Outcome, TaskData, WhoAndWhen } from './SubmissionParts.js';
import { WorkerActions } from './WorkerActions.js';

type SubmissionRowProps = {
  assignment: ReviewListItem;
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
        <ReputationLine
          kind="worker"
          reputation={assignment.workerReputation}
          label={`${worker.displayName}’s reputation`}
        />
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
        {assignment.pilotFeedback && (
          <Text size="sm" mt={6} className="review-pilot-feedback">
            <Text span size="xs" fw={600} c="grape">
              Pilot feedback:{' '}
            </Text>
            {assignment.pilotFeedback}
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        <Stack gap="xs" align="flex-start">
          <Outcome assignment={assignment} />
          <Group gap={6} wrap="nowrap" align="flex-start">
            <Decisions assignment={assignment} name={name} />
            <WorkerActions assignment={assignment} blocked={blocked} onShowWorker={onShowWorker} />
          </Group>
          {(assignment.status === 'approved' || assignment.status === 'rejected') && (
            <RateControl
              userId={worker.id}
              name={worker.displayName}
              assignmentId={assignment.id}
              hint="up: your new work reaches them first; down: never offered to them"
            />
          )}
        </Stack>
      </Table.Td>
    </Table.Tr>
  );
}
