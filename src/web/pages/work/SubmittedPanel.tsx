import { Alert, Button, Card, Group, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconArrowRight, IconBulb, IconCircleCheck, IconInfoCircle } from '@tabler/icons-react';
import { useEffect, useRef } from 'react';
import { Link } from 'react-router';
import { formatCents } from '../../../shared/money.js';
import type { GoldFeedback } from '../../../shared/api/quality.js';
import type { AssignmentDetail } from '../../../shared/api/work.js';
import { isApiError } from '../../api/client.js';
import { paths } from '../../lib/paths.js';
import { acceptProblem, useAcceptAndOpen } from './accept.js';
import { AutoNextSwitch } from './AutoNextSwitch.js';

type SubmittedPanelProps = {
  assignment: AssignmentDetail;
  /** Why going on to the next task automatically did not work, if it was tried. */
  nextError: unknown;
  /** The submit's answer to a wrong known-answer task, when the project explains them. */
  goldFeedback?: GoldFeedback | null;
};

function answerText(value: unknown): string {
  return Array.isArray(value) ? value.join(', ') : String(value);
}

/** The expected answer (by the items' labels) and the requester's explanation. */
function GoldFeedbackAlert({
  assignment,
  feedback,
}: {
  assignment: AssignmentDetail;
  feedback: GoldFeedback;
}) {
  const { template } = assignment;
  const labelOf = (item: string): string => {
    const found = template.kind === 'form' ? template.items.find((i) => i.name === item) : null;
    return found && 'label' in found && typeof found.label === 'string' && found.label
      ? found.label
      : item;
  };
  return (
    <Alert
      color="orange"
      variant="light"
      role="status"
      icon={<IconBulb aria-hidden="true" />}
      title="This task had a known answer, and yours differed"
    >
      <Stack gap={4}>
        <Text size="sm">
          Expected:{' '}
          {Object.entries(feedback.expected)
            .map(([item, value]) => `${labelOf(item)} — ${answerText(value)}`)
            .join('; ')}
        </Text>
        {feedback.explanation && <Text size="sm">{feedback.explanation}</Text>}
      </Stack>
    </Alert>
  );
}

/** Shown right after a submit: what happens next, and the way on to more work. */
export function SubmittedPanel({ assignment, nextError, goldFeedback }: SubmittedPanelProps) {
  const heading = useRef<HTMLHeadingElement>(null);
  const { accept, mutation } = useAcceptAndOpen();
  const error: unknown = mutation.isError ? mutation.error : nextError;
  const noMoreTasks = isApiError(error, 409) && error.code === 'no_task_available';

  // Focus leaves the (now gone) submit button for the news that the submit worked.
  useEffect(() => heading.current?.focus(), []);

  return (
    <Card component="section" aria-labelledby="submitted-heading" bg="teal.0" bd="1px solid teal.2">
      <Group gap="md" align="flex-start" wrap="nowrap">
        <ThemeIcon color="teal" variant="filled" radius="xl" size={40}>
          <IconCircleCheck size={24} aria-hidden="true" />
        </ThemeIcon>
        <Stack gap="sm" style={{ flex: 1 }}>
          <div>
            <Title
              order={2}
              id="submitted-heading"
              ref={heading}
              tabIndex={-1}
              style={{ scrollMarginTop: 96 }}
            >
              Task submitted
            </Title>
            <Text size="sm" mt={4}>
              {formatCents(assignment.rewardCents)} is now awaiting review. It is paid when the
              requester approves your work, or automatically if they do not review it in time.
            </Text>
          </div>
          {goldFeedback && <GoldFeedbackAlert assignment={assignment} feedback={goldFeedback} />}
          {error !== null && error !== undefined && (
            <Alert
              color={noMoreTasks ? 'blue' : 'red'}
              variant="light"
              role="alert"
              icon={<IconInfoCircle aria-hidden="true" />}
              title={noMoreTasks ? 'No more tasks in this project' : acceptProblem(error).title}
            >
              {noMoreTasks
                ? 'You have done every task in this project that is open to you. Find work lists other projects.'
                : acceptProblem(error).message}
            </Alert>
          )}
          <Group gap="sm">
            {!noMoreTasks && (
              <Button
                onClick={() => void accept(assignment.projectId).catch(() => undefined)}
                loading={mutation.isPending}
                rightSection={<IconArrowRight size={16} aria-hidden="true" />}
              >
                Next task in this project
              </Button>
            )}
            <Button
              component={Link}
              to={paths.worker.findWork}
              variant={noMoreTasks ? 'filled' : 'default'}
            >
              Back to Find work
            </Button>
          </Group>
          <AutoNextSwitch />
        </Stack>
      </Group>
    </Card>
  );
}
