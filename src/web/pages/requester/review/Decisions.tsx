import { Button, Group, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowBackUp, IconCheck } from '@tabler/icons-react';
import { useState } from 'react';
import { REVIEW_LIMITS, type ReviewAssignment } from '../../../../shared/api/review.js';
import { useReviewDecision, type ReviewDecision } from '../../../api/review.js';
import { errorMessage } from '../../../components/ErrorAlert.js';
import { formatDate } from '../../../lib/format.js';
import { ReasonDialog } from './ReasonDialog.js';
import { RejectButton } from './RejectButton.js';
import { reversal } from './review-model.js';

/**
 * Approve or reject work waiting for review; approve rejected work after all while the window
 * for reversing it is open, and say why not once it has closed.
 */
export function Decisions({ assignment, name }: { assignment: ReviewAssignment; name: string }) {
  const decide = useReviewDecision(assignment.projectId);
  const [rejecting, setRejecting] = useState(false);
  const run = (decision: ReviewDecision, done: string) =>
    decide.mutateAsync(decision, {
      onSuccess: () => notifications.show({ color: 'teal', title: done, message: name }),
    });
  const tryRun = (decision: ReviewDecision, done: string) =>
    run(decision, done).catch((error: unknown) =>
      notifications.show({
        color: 'red',
        title: 'That did not work',
        message: errorMessage(error),
      }),
    );

  if (assignment.status === 'submitted') {
    return (
      <>
        <Group gap={6} wrap="nowrap">
          <Button
            size="xs"
            color="teal.9"
            leftSection={<IconCheck size={14} aria-hidden="true" />}
            loading={decide.isPending && decide.variables?.action === 'approve'}
            disabled={decide.isPending}
            onClick={() =>
              void tryRun({ action: 'approve', assignmentId: assignment.id }, 'Approved')
            }
            aria-label={`Approve ${name}`}
          >
            Approve
          </Button>
          <RejectButton
            disabled={decide.isPending}
            onClick={() => setRejecting(true)}
            aria-label={`Reject ${name}`}
          >
            Reject
          </RejectButton>
        </Group>
        {rejecting && (
          <ReasonDialog
            title={`Reject ${name}?`}
            intro={`The reward stays with you and the task goes back to the pool. ${assignment.worker.displayName} sees your reason in their work list.`}
            label="Reason"
            description="Shown to the worker. Say what was wrong, so they can do better next time."
            missingMessage="Give the worker a reason: they read it."
            placeholder="e.g. The transcript leaves out the second sentence."
            confirmLabel="Reject"
            onClose={() => setRejecting(false)}
            onConfirm={(reason) =>
              run({ action: 'reject', assignmentId: assignment.id, reason }, 'Rejected')
            }
          />
        )}
      </>
    );
  }

  const reversible = reversal(assignment, new Date());
  if (!reversible) return null;
  return (
    <Stack gap={4} align="flex-start">
      <Button
        size="xs"
        variant="default"
        leftSection={<IconArrowBackUp size={14} aria-hidden="true" />}
        loading={decide.isPending}
        disabled={!reversible.open}
        onClick={() =>
          void tryRun({ action: 'approve', assignmentId: assignment.id }, 'Rejection reversed')
        }
        aria-label={`Approve after all: ${name}`}
        aria-describedby={`reversal-${assignment.id}`}
      >
        Approve after all
      </Button>
      <Text size="xs" c="dimmed" id={`reversal-${assignment.id}`} maw={180}>
        {reversible.open
          ? `Possible until ${formatDate(reversible.until)}`
          : `Too late: a rejection can be reversed for ${REVIEW_LIMITS.reversalWindowDays} days after submission, until ${formatDate(reversible.until)}.`}
      </Text>
    </Stack>
  );
}
