import { Alert, Button, Card, Group, Stack, Text } from '@mantine/core';
import { IconAlarm, IconSend } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import type { TestAttempt, TestResult } from '../../../../shared/api/qualification-tests.js';
import { isApiError } from '../../../api/client.js';
import { useSubmitTest } from '../../../api/qualification-tests.js';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import { TaskForm } from '../../../components/task-form/TaskForm.js';
import {
  answersToSubmit,
  checkAnswers,
  filledItemsOf,
  serverAnswerErrors,
  type AnswerErrors,
} from '../../work/answers.js';
import { TimeLeft } from '../../work/TimeLeft.js';
import { useTimeLeft } from '../../work/use-time-left.js';

/** An open attempt: the questions, a countdown to the deadline and the submit button. */
export function TestAttemptForm({
  attempt,
  onScored,
}: {
  attempt: TestAttempt;
  onScored: (result: TestResult) => void;
}) {
  const items = filledItemsOf(attempt.template.items);
  const msLeft = useTimeLeft(attempt.deadline);
  const submit = useSubmitTest(attempt.id);
  const [values, setValues] = useState<Record<string, unknown>>({});
  const [errors, setErrors] = useState<AnswerErrors>({});
  const timeIsUp = msLeft <= 0;
  const late = isApiError(submit.error, 410);

  const send = (event: FormEvent) => {
    event.preventDefault();
    const answers = answersToSubmit(items, values);
    const found = checkAnswers(items, answers);
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    submit.mutate(answers, {
      onSuccess: onScored,
      onError: (error) => setErrors(serverAnswerErrors(error)),
    });
  };

  return (
    <form onSubmit={send} noValidate aria-label="Test questions">
      <Stack gap="lg">
        <Group justify="space-between">
          <Text size="sm" c="dimmed">
            Answer the questions and submit before the time runs out. You are scored at once.
          </Text>
          <TimeLeft msLeft={msLeft} />
        </Group>
        {(timeIsUp || late) && (
          <Alert
            color="red"
            variant="light"
            role="alert"
            title="Time is up"
            icon={<IconAlarm aria-hidden="true" />}
          >
            This attempt can no longer be submitted, so it was not scored. Reload the page to see
            when you may try again.
          </Alert>
        )}
        {submit.isError && !late && Object.keys(errors).length === 0 && (
          <ErrorAlert error={submit.error} title="Could not submit the test" />
        )}
        <Card>
          <TaskForm
            items={items}
            values={values}
            errors={errors}
            readOnly={timeIsUp || late}
            onChange={(name, value) => {
              setValues((current) => ({ ...current, [name]: value }));
              setErrors(({ [name]: _fixed, ...rest }) => rest);
            }}
          />
        </Card>
        <Group justify="flex-end">
          <Button
            type="submit"
            size="md"
            loading={submit.isPending}
            disabled={timeIsUp || late}
            leftSection={<IconSend size={16} aria-hidden="true" />}
          >
            Submit the test
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
