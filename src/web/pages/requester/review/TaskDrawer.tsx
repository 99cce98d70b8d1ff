import { Anchor, Divider, Drawer, Group, Stack, Text, Title } from '@mantine/core';

import { Link } from 'react-router';
import type { ReviewAssignment } from '../../../../shared/api/review.js';
import type { Template } from '../../../../shared/templates/index.js';
import { PreviousNextButtons } from '../../../components/PreviousNextButtons.js';
import { formatDateTime } from '../../../lib/format.js';
import { paths } from '../../../lib/paths.js';
import { Decisions } from './Decisions.js';
import { MediaValue } from './MediaValue.js';
import { formatTimeSpent, readableAnswers } from './review-model.js';
import { Answers, Outcome } from './SubmissionParts.js';
import { altText, columnMedia, mediaView } from './task-media.js';

type TaskDrawerProps = {
  assignment: ReviewAssignment | undefined;
  template: Template;
  onClose: () => void;
  /** Absent at the first (or last) submission of the page. */
  onPrevious: (() => void) | undefined;
  onNext: (() => void) | undefined;
};

function FullTaskData({
  assignment,
  template,
}: {
  assignment: ReviewAssignment;
  template: Template;
}) {
  const media = columnMedia(template);
  const entries = Object.entries(assignment.task.data);
  if (entries.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        This task has no data.
      </Text>
    );
  }
  return (
    <dl className="review-full">
      {entries.map(([column, value]) => (
        <div key={column}>
          <dt>{column}</dt>
          <dd>
            {value === '' ? (
              <Text span size="sm" c="dimmed" fs="italic">
                Empty
              </Text>
            ) : (
              <MediaValue
                value={value}
                view={mediaView(value, media.get(column)?.kind)}
                label={altText(column, media.get(column), assignment.task.data)}
                size="large"
              />
            )}
          </dd>
        </div>
      ))}
    </dl>
  );
}

function FullAnswers({
  assignment,
  template,
}: {
  assignment: ReviewAssignment;
  template: Template;
}) {
  if (assignment.answers === null) {
    return (
      <Text size="sm" c="dimmed">
        Not submitted yet.
      </Text>
    );
  }
  return (
    <Answers lines={readableAnswers(template, assignment.task.data, assignment.answers)} full />
  );
}

/**
 * One submission in full, beside the list: every column of the task's data and every answer,
 * long text wrapped and media shown, with the review's actions. Esc closes it, and focus goes
 * back to the button that opened it.
 */
export function TaskDrawer({ assignment, template, onClose, onPrevious, onNext }: TaskDrawerProps) {
  const worker = assignment?.worker;
  const name = assignment
    ? `${assignment.worker.displayName}’s work on task #${assignment.task.number}`
    : '';
  return (
    <Drawer
      opened={assignment !== undefined}
      onClose={onClose}
      position="right"
      size="xl"
      title={assignment ? `Task #${assignment.task.number}` : ''}
      classNames={{ title: 'review-drawer-title' }}
    >
      {assignment && worker && (
        <Stack gap="lg">
          <Group justify="space-between" align="flex-start" wrap="wrap" gap="sm">
            <Stack gap={2}>
              <Text size="sm">
                Row {assignment.task.rowNumber} of its batch · by{' '}
                <Anchor component={Link} to={paths.publicProfile(worker.handle)} fw={600}>
                  {worker.displayName}
                </Anchor>
              </Text>
              <Text size="xs" c="dimmed">
                {assignment.submittedAt
                  ? `Submitted ${formatDateTime(assignment.submittedAt)}`
                  : 'Not submitted'}
                {assignment.timeSpentSeconds !== null &&
                  ` · took ${formatTimeSpent(assignment.timeSpentSeconds)}`}
              </Text>
            </Stack>
            <Outcome assignment={assignment} />
          </Group>
          <section aria-labelledby="review-drawer-data">
            <Title order={3} fz="h4" id="review-drawer-data" mb="xs">
              Task data
            </Title>
            <FullTaskData assignment={assignment} template={template} />
          </section>
          <section aria-labelledby="review-drawer-answers">
            <Title order={3} fz="h4" id="review-drawer-answers" mb="xs">
              Answers
            </Title>
            <FullAnswers assignment={assignment} template={template} />
          </section>
          <Divider />
          <Group justify="space-between" wrap="wrap" gap="sm">
            <Decisions assignment={assignment} name={name} />
            <PreviousNextButtons onPrevious={onPrevious} onNext={onNext} ml="auto" />
          </Group>
        </Stack>
      )}
    </Drawer>
  );
}
