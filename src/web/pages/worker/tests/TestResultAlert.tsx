import { Alert, Button, Group, Text } from '@mantine/core';
import { IconCircleCheck, IconCircleX } from '@tabler/icons-react';
import { Link } from 'react-router';
import type { TestResult } from '../../../../shared/api/qualification-tests.js';
import { formatDateTime } from '../../../lib/format.js';
import { paths } from '../../../lib/paths.js';

/** When the worker may try again, in words; "now" once the time has come. */
export function retryWords(retryAt: string | null, now = Date.now()): string {
  if (!retryAt || Date.parse(retryAt) <= now) return 'You may take it again now.';
  return `You may take it again from ${formatDateTime(retryAt)}.`;
}

/** The score of a submitted attempt, whether it passed, and what the worker can do next. */
export function TestResultAlert({
  result,
  typeName,
  projectId,
  onRetry,
}: {
  result: TestResult;
  typeName: string;
  /** The project the worker came from, to return to after a pass. */
  projectId: string | null;
  onRetry: () => void;
}) {
  const score = `${result.score} of ${result.maxScore} points (the pass mark is ${result.passingScore})`;
  const canRetry = !result.retryAt || Date.parse(result.retryAt) <= Date.now();
  return (
    <Alert
      color={result.passed ? 'teal' : 'red'}
      variant="light"
      role="status"
      title={result.passed ? 'You passed' : 'You did not pass this time'}
      icon={
        result.passed ? <IconCircleCheck aria-hidden="true" /> : <IconCircleX aria-hidden="true" />
      }
      data-testid="test-result"
    >
      <Text size="sm">
        You scored {score}.{' '}
        {result.passed
          ? `You now hold “${typeName}” with the value ${result.score}.`
          : retryWords(result.retryAt)}
      </Text>
      <Group gap="sm" mt="md">
        {result.passed && projectId && (
          <Button component={Link} to={paths.worker.projectPreview(projectId)} size="sm">
            Back to the project
          </Button>
        )}
        {!result.passed && (
          <Button size="sm" variant="white" color="red" onClick={onRetry} disabled={!canRetry}>
            Try again
          </Button>
        )}
        <Button component={Link} to={paths.worker.findWork} size="sm" variant="default">
          Find work
        </Button>
      </Group>
    </Alert>
  );
}
