import { MessageButton } from '../../components/messages/MessageButton.js';
import { Alert, Button, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import {
  IconAlarm,
  IconArrowBackUp,
  IconCircleCheck,
  IconCircleX,
  IconHourglass,
} from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { formatCents } from '../../../shared/money.js';
import type { AssignmentDetail } from '../../../shared/api/work.js';
import { useCurrentUser } from '../../api/accounts.js';
import { RateControl } from '../../components/reputation/RateControl.js';
import { TaskForm } from '../../components/task-form/TaskForm.js';
import { formatDateTime } from '../../lib/format.js';
import { paths } from '../../lib/paths.js';
import { describeAnswer, filledItemsOf } from './answers.js';

const noChange = () => undefined;

function Outcome({ assignment }: { assignment: AssignmentDetail }) {
  const reward = formatCents(assignment.rewardCents);
  const reviewed = assignment.reviewedAt ? ` on ${formatDateTime(assignment.reviewedAt)}` : '';
  const feedback = assignment.feedback?.trim();
  const common = { variant: 'light', role: 'status' } as const;
  switch (assignment.status) {
    case 'submitted':
      return (
        <Alert
          {...common}
          color="blue"
          icon={<IconHourglass aria-hidden="true" />}
          title="Awaiting review"
        >
          Submitted
          {assignment.submittedAt ? ` on ${formatDateTime(assignment.submittedAt)}` : ''}. {reward}{' '}
          is paid when the requester approves it, or automatically if they do not review it in time.
        </Alert>
      );
    case 'approved':
      return (
        <Alert
          {...common}
          color="teal"
          icon={<IconCircleCheck aria-hidden="true" />}
          title="Approved"
        >
          The requester approved this work{reviewed}. {reward}
          {assignment.topUpCents > 0
            ? ` and a ${formatCents(assignment.topUpCents)} top-up to the pay floor were`
            : ' was'}{' '}
          added to your earnings.
          {feedback && (
            <Text size="sm" mt="xs">
              Their note: “{feedback}”
            </Text>
          )}
        </Alert>
      );
    case 'rejected':
      return (
        <Alert {...common} color="red" icon={<IconCircleX aria-hidden="true" />} title="Rejected">
          The requester rejected this work{reviewed}.
          <Text size="sm" mt="xs" fw={600}>
            Reason: {feedback || 'No reason was given.'}
          </Text>
        </Alert>
      );
    case 'returned':
      return (
        <Alert
          {...common}
          color="gray"
          icon={<IconArrowBackUp aria-hidden="true" />}
          title="Returned"
        >
          You returned this task, so it went back to the pool for other workers.
        </Alert>
      );
    case 'expired':
      return (
        <Alert {...common} color="orange" icon={<IconAlarm aria-hidden="true" />} title="Expired">
          The time allowed ran out before this task was submitted, so it went back to the pool.
        </Alert>
      );
    case 'accepted':
      return null;
  }
}

function HtmlAnswers({ answers }: { answers: Record<string, unknown> }) {
  const entries = Object.entries(answers);
  if (entries.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        The task’s form sent no fields.
      </Text>
    );
  }
  return (
    <Table aria-label="Your answers" withRowBorders>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Field</Table.Th>
          <Table.Th>Answer</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {entries.map(([name, value]) => (
          <Table.Tr key={name}>
            <Table.Td ff="monospace" fz="sm">
              {name}
            </Table.Td>
            <Table.Td fz="sm" style={{ whiteSpace: 'pre-wrap' }}>
              {describeAnswer(undefined, value)}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** A finished assignment, read-only: how it ended and, when it was submitted, the answers. */
export function AssignmentRecord({
  assignment,
  banner,
}: {
  assignment: AssignmentDetail;
  /** Shown above the record instead of the outcome, e.g. right after a submit. */
  banner?: ReactNode;
}) {
  const { template, answers } = assignment;
  const me = useCurrentUser();
  const ended = assignment.status === 'returned' || assignment.status === 'expired';
  return (
    <Stack gap="lg">
      {banner ?? <Outcome assignment={assignment} />}
      {me.id === assignment.workerId &&
        (assignment.status === 'approved' || assignment.status === 'rejected') && (
          <RateControl
            userId={assignment.requesterId}
            name="this requester"
            assignmentId={assignment.id}
            hint="up: their projects come first in your feed; down: last"
          />
        )}
      {answers && (
        <Card component="section" aria-labelledby="answers-heading">
          <Title order={2} id="answers-heading" mb="lg">
            Your answers
          </Title>
          {template.kind === 'form' ? (
            <TaskForm
              items={filledItemsOf(template.items)}
              values={answers}
              onChange={noChange}
              readOnly
            />
          ) : (
            <HtmlAnswers answers={answers} />
          )}
        </Card>
      )}
      {!banner && (
        <Group gap="sm">
          {ended && (
            <Button component={Link} to={paths.worker.projectPreview(assignment.projectId)}>
              Look for another task in this project
            </Button>
          )}
          {!ended && me.id === assignment.workerId && (
            <MessageButton to={{ id: assignment.requesterId }} assignmentId={assignment.id}>
              Message requester
            </MessageButton>
          )}
          <Button component={Link} to={paths.worker.myWork} variant="default">
            Go to My work
          </Button>
          <Button component={Link} to={paths.worker.findWork} variant="default">
            Find more work
          </Button>
        </Group>
      )}
    </Stack>
  );
}
