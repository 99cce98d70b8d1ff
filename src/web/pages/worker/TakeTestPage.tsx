import { Alert, Anchor, Button, Card, Divider, Stack, Text } from '@mantine/core';
import { IconArrowLeft, IconCertificate } from '@tabler/icons-react';
import { useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import type { TestResult, TestSummary } from '../../../shared/api/qualification-tests.js';
import { isApiError } from '../../api/client.js';
import { useStartTest, useTestAttempt, useTestSummary } from '../../api/qualification-tests.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { LoadingState } from '../../components/LoadingState.js';
import { FactRow } from '../../components/FactRow.js';
import { Markdown } from '../../components/Markdown.js';
import { PageHeader } from '../../components/PageHeader.js';
import { paths } from '../../lib/paths.js';
import { formatDuration } from '../work/time.js';
import { TestAttemptForm } from './tests/TestAttemptForm.js';
import { retryWords, TestResultAlert } from './tests/TestResultAlert.js';

/** The test's rules and where the worker stands, with the button that starts an attempt. */
function TestIntro({
  summary,
  onStarted,
}: {
  summary: TestSummary;
  onStarted: (id: string) => void;
}) {
  const start = useStartTest(summary.qualificationTypeId);
  const waiting = summary.retryAt !== null && Date.parse(summary.retryAt) > Date.now();
  const last = summary.lastResult;
  return (
    <Card maw={560}>
      <Stack gap="xs">
        <FactRow label="Questions">{summary.questionCount}</FactRow>
        <FactRow label="Pass mark">
          {summary.passingScore} of {summary.maxScore} points
        </FactRow>
        <FactRow label="Time allowed">{formatDuration(summary.testDurationSeconds)}</FactRow>
        <FactRow label="Wait before retrying">
          {summary.retryDelaySeconds === 0 ? 'None' : formatDuration(summary.retryDelaySeconds)}
        </FactRow>
        {summary.heldValue !== null && (
          <FactRow label="Your value now">{summary.heldValue}</FactRow>
        )}
      </Stack>
      <Divider my="md" />
      {last && (
        <Text size="sm" mb="sm">
          Your last attempt scored {last.score} of {last.maxScore} and{' '}
          {last.passed ? 'passed' : 'did not pass'}.
        </Text>
      )}
      {waiting && (
        <Alert color="yellow" variant="light" mb="md" title="Not yet">
          {retryWords(summary.retryAt)}
        </Alert>
      )}
      {start.isError && <ErrorAlert error={start.error} title="Could not start the test" mb="md" />}
      <Button
        fullWidth
        size="md"
        disabled={waiting}
        loading={start.isPending}
        onClick={() => start.mutate(undefined, { onSuccess: (attempt) => onStarted(attempt.id) })}
      >
        Start the test
      </Button>
      <Text size="xs" c="dimmed" mt="xs" ta="center">
        The clock starts when you press it: {formatDuration(summary.testDurationSeconds)} to answer
        and submit.
      </Text>
    </Card>
  );
}

/** An attempt by id: the questions while open, the result once submitted, or why it closed. */
function Attempt({
  attemptId,
  summary,
  projectId,
  onRetry,
}: {
  attemptId: string;
  summary: TestSummary;
  projectId: string | null;
  onRetry: () => void;
}) {
  const attempt = useTestAttempt(attemptId);
  const [result, setResult] = useState<TestResult | null>(null);
  if (attempt.isPending) return <LoadingState label="Loading the test…" />;
  if (attempt.isError) return <ErrorAlert error={attempt.error} title="Could not load the test" />;
  const scored = result ?? attempt.data.result;
  if (scored) {
    return (
      <TestResultAlert
        result={scored}
        typeName={summary.name}
        projectId={projectId}
        onRetry={onRetry}
      />
    );
  }
  if (attempt.data.status === 'expired') {
    return (
      <Alert color="red" variant="light" title="Time ran out" role="alert">
        This attempt was not submitted in time, so it was not scored.{' '}
        <Anchor component="button" onClick={onRetry} inherit>
          See when you may try again
        </Anchor>
        .
      </Alert>
    );
  }
  return <TestAttemptForm attempt={attempt.data} onScored={setResult} />;
}

/** A qualification test, taken by a worker: the rules, the questions against a clock, the score. */
export function TakeTestPage() {
  const { typeId = '' } = useParams();
  const [search] = useSearchParams();
  const projectId = search.get('project');
  const summary = useTestSummary(typeId);
  const [attemptId, setAttemptId] = useState<string | null>(null);
  const [fresh, setFresh] = useState(false);

  const back = (
    <Button
      component={Link}
      to={projectId ? paths.worker.projectPreview(projectId) : paths.worker.findWork}
      variant="subtle"
      leftSection={<IconArrowLeft size={16} aria-hidden="true" />}
      mb="md"
      ml={-12}
    >
      {projectId ? 'Back to the project' : 'Back to Find work'}
    </Button>
  );

  if (summary.isPending) return <LoadingState label="Loading the test…" />;
  if (summary.isError) {
    return (
      <>
        {back}
        <PageHeader title="Qualification test" />
        <ErrorAlert
          error={summary.error}
          title={
            isApiError(summary.error, 404) ? 'There is no such test' : 'Could not load the test'
          }
        />
      </>
    );
  }
  const test = summary.data;
  // A reload resumes the attempt still open; after a result, "Try again" shows the rules anew.
  const current = attemptId ?? (fresh ? null : test.openAttemptId);
  return (
    <>
      {back}
      <PageHeader
        title={`Test: ${test.name}`}
        description={
          <>
            <IconCertificate size={16} aria-hidden="true" /> A qualification of{' '}
            {test.requester.displayName}. Pass it to work on the projects that require it.
          </>
        }
      />
      {test.description && (
        <Markdown fz="sm" mb="lg">
          {test.description}
        </Markdown>
      )}
      {current ? (
        <Attempt
          key={current}
          attemptId={current}
          summary={test}
          projectId={projectId}
          onRetry={() => {
            setAttemptId(null);
            setFresh(true);
            void summary.refetch();
          }}
        />
      ) : (
        <TestIntro summary={test} onStarted={setAttemptId} />
      )}
    </>
  );
}
