import { MessageButton } from '../../components/messages/MessageButton.js';
import { Alert, Button, Card, Group, List, Stack, Text, Title } from '@mantine/core';
import { IconAlertCircle, IconAlarm, IconSend } from '@tabler/icons-react';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import type { AssignmentDetail } from '../../../shared/api/work.js';
import { isApiError } from '../../api/client.js';
import { useRefreshAssignment, useReturnAssignment, useSubmitAnswers } from '../../api/work.js';
import { ConfirmButton } from '../../components/ConfirmButton.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { TaskForm } from '../../components/task-form/TaskForm.js';
import { TaskFrame, type TaskFrameHandle } from '../../components/task-frame/TaskFrame.js';
import { paths } from '../../lib/paths.js';
import {
  answersToSubmit,
  checkAnswers,
  filledItemsOf,
  serverAnswerErrors,
  type AnswerErrors,
} from './answers.js';
import type { GoldFeedback } from '../../../shared/api/quality.js';
import { useActiveSeconds } from './active-time.js';
import { AutoNextSwitch } from './AutoNextSwitch.js';
import { PilotFeedbackBox } from './PilotFeedbackBox.js';
import { InstructionsPanel } from './InstructionsPanel.js';
import { notify } from './notify.js';
import { TimeLeftInline } from './TimeLeft.js';

type ActiveTaskProps = {
  assignment: AssignmentDetail;
  /** The deadline has passed on this page's clock: nothing more can be sent. */
  timeIsUp: boolean;
  msLeft: number;
  /** Called with true as a submit is sent, and with false when it fails. */
  onSubmitting: (sending: boolean) => void;
  /** After a wrong answer to a known-answer task, when the project explains them. */
  onGoldFeedback: (feedback: GoldFeedback) => void;
};

/** Problems listed above the task, so they are read first and reachable from the keyboard. */
function AnswerProblems({
  errors,
  labels,
  focusKey,
}: {
  errors: AnswerErrors;
  labels: Record<string, string>;
  focusKey: number;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (focusKey > 0) ref.current?.focus();
  }, [focusKey]);
  const entries = Object.entries(errors);
  if (entries.length === 0) return null;
  return (
    <Alert
      ref={ref}
      tabIndex={-1}
      color="red"
      variant="light"
      role="alert"
      icon={<IconAlertCircle aria-hidden="true" />}
      title={entries.length === 1 ? 'One answer needs attention' : 'Some answers need attention'}
    >
      <List size="sm" spacing={2}>
        {entries.map(([name, message]) => (
          <List.Item key={name}>{name ? `${labels[name] || name}: ${message}` : message}</List.Item>
        ))}
      </List>
    </Alert>
  );
}

/** An accepted assignment being worked on: the task, and the buttons to submit or return it. */
/**
 * A successful submit replaces the cached assignment, and the page then shows it as submitted.
 */
export function ActiveTask({
  assignment,
  timeIsUp,
  msLeft,
  onSubmitting,
  onGoldFeedback,
}: ActiveTaskProps) {
  const activeSeconds = useActiveSeconds();
  const navigate = useNavigate();
  const submit = useSubmitAnswers(assignment.id, onGoldFeedback);
  const returnTask = useReturnAssignment(assignment.id);
  const refresh = useRefreshAssignment();
  const frame = useRef<TaskFrameHandle>(null);
  const [values, setValues] = useState<Record<string, unknown>>({});
  const [errors, setErrors] = useState<AnswerErrors>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [focusKey, setFocusKey] = useState(0);
  const [pilotFeedback, setPilotFeedback] = useState('');

  const { template } = assignment;
  const items = template.kind === 'form' ? filledItemsOf(template.items) : [];
  const labels = Object.fromEntries(items.map((item) => [item.name, item.label]));
  const showProblems = (found: AnswerErrors) => {
    setErrors(found);
    setFocusKey((key) => key + 1);
  };

  const send = (answers: Record<string, unknown>) => {
    if (timeIsUp || submit.isPending) return;
    setFailure(null);
    onSubmitting(true);
    submit.mutate(
      {
        answers,
        activeSeconds: activeSeconds(),
        ...(assignment.pilot && pilotFeedback.trim() ? { feedback: pilotFeedback } : {}),
      },
      {
        onError: (error) => {
          onSubmitting(false);
          const found = serverAnswerErrors(error);
          if (Object.keys(found).length > 0) return showProblems(found);
          setErrors({});
          setFailure(error);
          // Returned, expired or submitted elsewhere: show the assignment as it now stands.
          if (isApiError(error, 409)) void refresh(assignment.id);
        },
      },
    );
  };

  const submitForm = (event: FormEvent) => {
    event.preventDefault();
    const answers = answersToSubmit(items, values);
    const found = checkAnswers(items, answers);
    if (Object.keys(found).length > 0) return showProblems(found);
    setErrors({});
    send(answers);
  };

  // Stays in view at the bottom of the window while the worker scrolls through a long task.
  const actions = (
    <Card py="md" shadow="md" pos="sticky" bottom={16} style={{ zIndex: 2 }}>
      <Group justify="space-between" gap="lg">
        <Group gap="md">
          {template.kind === 'form' ? (
            <Button
              type="submit"
              loading={submit.isPending}
              disabled={timeIsUp}
              leftSection={<IconSend size={16} aria-hidden="true" />}
            >
              Submit
            </Button>
          ) : (
            <Button
              loading={submit.isPending}
              disabled={timeIsUp}
              onClick={() => frame.current?.requestSubmit()}
              leftSection={<IconSend size={16} aria-hidden="true" />}
            >
              Submit
            </Button>
          )}
          <ConfirmButton
            variant="default"
            confirmColor="red"
            disabled={timeIsUp || submit.isPending}
            title="Return this task?"
            message="It goes back to the pool for other workers, and you will not be paid for it. Returning does not count against you."
            confirmLabel="Return task"
            onConfirm={async () => {
              await returnTask.mutateAsync();
              notify({
                color: 'teal',
                title: 'Task returned',
                message: assignment.projectTitle,
              });
              await navigate(paths.worker.findWork);
            }}
          >
            Return task
          </ConfirmButton>
          <TimeLeftInline msLeft={msLeft} />
        </Group>
        <Group gap="md">
          <MessageButton to={{ id: assignment.requesterId }} assignmentId={assignment.id}>
            Message requester
          </MessageButton>
          <AutoNextSwitch />
        </Group>
      </Group>
    </Card>
  );

  const feedbackBox = assignment.pilot && (
    <PilotFeedbackBox value={pilotFeedback} onChange={setPilotFeedback} readOnly={timeIsUp} />
  );

  const problems = (
    <>
      {timeIsUp && (
        <Alert
          color="orange"
          variant="light"
          role="alert"
          icon={<IconAlarm aria-hidden="true" />}
          title="Time is up"
        >
          This assignment expired and can no longer be submitted. Its task went back to the pool.
        </Alert>
      )}
      {failure !== null && <ErrorAlert error={failure} title="Your answers were not submitted" />}
      <AnswerProblems errors={errors} labels={labels} focusKey={focusKey} />
    </>
  );

  return (
    <Stack gap="lg">
      <InstructionsPanel markdown={assignment.instructions} />
      {template.kind === 'form' ? (
        <form onSubmit={submitForm} noValidate aria-labelledby="task-heading">
          <Stack gap="lg">
            {problems}
            <Card component="section" aria-labelledby="task-heading">
              <Title order={2} id="task-heading" mb="lg">
                Task
              </Title>
              <TaskForm
                items={items}
                values={values}
                onChange={(name, value) => setValues((current) => ({ ...current, [name]: value }))}
                errors={errors}
                readOnly={timeIsUp}
              />
            </Card>
            {feedbackBox}
            {actions}
          </Stack>
        </form>
      ) : (
        <Stack gap="lg">
          {problems}
          <Card component="section" aria-labelledby="task-heading" p={0}>
            <Group px="lg" py="md" justify="space-between" className="table-toolbar">
              <Title order={2} id="task-heading">
                Task
              </Title>
              <Text size="xs" c="dimmed">
                Use the task’s own button or Submit below to send your answers.
              </Text>
            </Group>
            {template.frameUrl ? (
              <TaskFrame
                ref={frame}
                src={template.frameUrl}
                title={`Task: ${assignment.projectTitle}`}
                onSubmit={send}
                onSubmitted={() => void refresh(assignment.id)}
              />
            ) : (
              <Text p="lg" c="dimmed">
                This task cannot be shown.
              </Text>
            )}
          </Card>
          {feedbackBox}
          {actions}
        </Stack>
      )}
    </Stack>
  );
}
