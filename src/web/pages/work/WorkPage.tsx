import { Badge, Button, Group, Text } from '@mantine/core';
import { IconArrowLeft, IconCoin, IconListSearch } from '@tabler/icons-react';
import { useEffect, useRef, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { formatCents } from '../../../shared/money.js';
import type { GoldFeedback } from '../../../shared/api/quality.js';
import { HourlyPay } from '../../components/HourlyPay.js';
import type { AssignmentDetail } from '../../../shared/api/work.js';
import { isApiError } from '../../api/client.js';
import { useAcceptTask, useAssignment, useRefreshAssignment } from '../../api/work.js';
import { EmptyState } from '../../components/EmptyState.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { LoadingState } from '../../components/LoadingState.js';
import { PageHeader } from '../../components/PageHeader.js';
import { formatDateTime } from '../../lib/format.js';
import { paths } from '../../lib/paths.js';
import { ActiveTask } from './ActiveTask.js';
import { AssignmentRecord } from './AssignmentRecord.js';
import { useAutoNextPreference } from './preferences.js';
import { STATUS_INFO } from './status.js';
import { SubmittedPanel } from './SubmittedPanel.js';
import { TimeLeft } from './TimeLeft.js';
import { useTimeLeft } from './use-time-left.js';

function Assignment({ assignment }: { assignment: AssignmentDetail }) {
  const navigate = useNavigate();
  const msLeft = useTimeLeft(assignment.deadline);
  const refresh = useRefreshAssignment();
  const acceptNext = useAcceptTask();
  const [autoNext] = useAutoNextPreference();
  const [nextError, setNextError] = useState<unknown>(null);
  const [goldFeedback, setGoldFeedback] = useState<GoldFeedback | null>(null);
  // Set before the submit is sent: its answer replaces the cached assignment, and the page must
  // already know that this submit was made here to show what comes next.
  // The preference counts as it was at the submit: turning it on afterwards accepts nothing.
  const [submittedHere, setSubmittedHere] = useState<{ goOn: boolean } | null>(null);
  const justSubmitted = submittedHere !== null && assignment.status === 'submitted';
  // After a wrong known-answer task with feedback, stay to show it rather than go on.
  const goOn = justSubmitted && submittedHere.goOn && goldFeedback === null;
  const inProgress = assignment.status === 'accepted';
  const timeIsUp = inProgress && msLeft <= 0;
  const wentOn = useRef(false);

  // When the clock runs out, ask the server, which treats the assignment as expired from now on.
  useEffect(() => {
    if (timeIsUp) void refresh(assignment.id);
  }, [timeIsUp, refresh, assignment.id]);

  useEffect(() => {
    if (!goOn || wentOn.current) return;
    wentOn.current = true;
    acceptNext.mutate(assignment.projectId, {
      onSuccess: (next) => void navigate(paths.worker.assignment(next.id)),
      onError: setNextError,
    });
  }, [goOn, acceptNext, assignment.projectId, navigate]);

  const status = STATUS_INFO[assignment.status];
  return (
    <>
      <Button
        component={Link}
        to={inProgress ? paths.worker.findWork : paths.worker.myWork}
        variant="subtle"
        leftSection={<IconArrowLeft size={16} aria-hidden="true" />}
        mb="md"
        ml={-12}
      >
        {inProgress ? 'Back to Find work' : 'Back to My work'}
      </Button>
      <PageHeader
        title={assignment.projectTitle}
        description={
          <Group gap="md" component="span">
            <Group gap={6} component="span" wrap="nowrap">
              <IconCoin size={18} aria-hidden="true" />
              <Text component="span" fw={600} c="dark.7">
                {formatCents(assignment.rewardCents)}
              </Text>
              <span>for this task</span>
            </Group>
            <HourlyPay pay={assignment.hourlyPay} labelled={false} />
            <span>Accepted {formatDateTime(assignment.acceptedAt)}</span>
          </Group>
        }
        actions={
          inProgress && !justSubmitted ? (
            <TimeLeft msLeft={msLeft} />
          ) : (
            <Badge size="lg" color={status.color}>
              {status.label}
            </Badge>
          )
        }
      />
      {justSubmitted ? (
        acceptNext.isPending ? (
          <LoadingState label="Submitted. Opening the next task…" />
        ) : (
          <AssignmentRecord
            assignment={assignment}
            banner={
              <SubmittedPanel
                assignment={assignment}
                nextError={nextError}
                goldFeedback={goldFeedback}
              />
            }
          />
        )
      ) : inProgress ? (
        <ActiveTask
          assignment={assignment}
          timeIsUp={timeIsUp}
          msLeft={msLeft}
          onSubmitting={(sending) => setSubmittedHere(sending ? { goOn: autoNext } : null)}
          onGoldFeedback={setGoldFeedback}
        />
      ) : (
        <AssignmentRecord assignment={assignment} />
      )}
    </>
  );
}

/** `/work/:assignmentId`: do a task, or look back at one. */
export function WorkPage() {
  const { assignmentId = '' } = useParams();
  const assignment = useAssignment(assignmentId);

  if (assignment.isPending) return <LoadingState label="Loading the task…" />;
  if (isApiError(assignment.error, 404) || isApiError(assignment.error, 400)) {
    return (
      <>
        <PageHeader title="Task not found" />
        <EmptyState
          icon={<IconListSearch size={28} aria-hidden="true" />}
          title="There is no such task among your work"
          description="The link may be mistyped, or the task belongs to someone else."
          actions={
            <Button component={Link} to={paths.worker.myWork}>
              Go to My work
            </Button>
          }
        />
      </>
    );
  }
  if (assignment.isError) {
    return (
      <ErrorAlert
        error={assignment.error}
        title="Could not load the task"
        onRetry={() => void assignment.refetch()}
      />
    );
  }
  // A new assignment starts with a clean page: no answers or panels carried over.
  return <Assignment key={assignment.data.id} assignment={assignment.data} />;
}
