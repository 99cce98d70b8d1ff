import { Group, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconChecks } from '@tabler/icons-react';
import { useState } from 'react';
import type { BulkReviewBody } from '../../../../shared/api/review.js';
import { useBulkReview } from '../../../api/review.js';
import { ConfirmButton } from '../../../components/ConfirmButton.js';
import { ReasonDialog } from './ReasonDialog.js';
import { RejectButton } from './RejectButton.js';
import { describeBulkResult } from './review-model.js';

const cutoffFormat = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'medium' });

const plural = (n: number) => `${n.toLocaleString('en')} ${n === 1 ? 'submission' : 'submissions'}`;

type Scope = { kind: 'selected'; ids: string[] } | { kind: 'before'; cutoff: string };

function bodyFor(scope: Scope): Pick<BulkReviewBody, 'assignmentIds' | 'submittedBefore'> {
  return scope.kind === 'selected'
    ? { assignmentIds: scope.ids }
    : { submittedBefore: scope.cutoff };
}

/**
 * Approve or reject many at once: the rows ticked on this page, or everything that was waiting
 * when the page was loaded. The cutoff is the server's time of that load, so work handed in while
 * the requester reads is never swept in unseen.
 */
export function BulkActions({
  projectId,
  scope,
  onDone,
}: {
  projectId: string;
  scope: Scope;
  onDone: () => void;
}) {
  const bulk = useBulkReview(projectId);
  const [rejecting, setRejecting] = useState(false);
  const count = scope.kind === 'selected' ? scope.ids.length : 0;
  const cutoff = scope.kind === 'before' ? cutoffFormat.format(new Date(scope.cutoff)) : '';
  const what =
    scope.kind === 'selected'
      ? `the ${plural(count)} you selected`
      : `all work submitted by ${cutoff} (when you loaded this page)`;

  const run = async (body: BulkReviewBody) => {
    const result = await bulk.mutateAsync(body);
    notifications.show({
      color: 'teal',
      title: result.action === 'approve' ? 'Work approved' : 'Work rejected',
      message: describeBulkResult(result),
    });
    onDone();
  };

  return (
    <Group gap="sm" wrap="wrap" px="md" py="xs" className="bulk-bar">
      <Text size="sm" fw={600} className="nowrap">
        {scope.kind === 'selected' ? `${plural(count)} selected` : `Submitted by ${cutoff}:`}
      </Text>
      <ConfirmButton
        size="xs"
        color="teal.9"
        leftSection={<IconChecks size={14} aria-hidden="true" />}
        title={
          scope.kind === 'selected' ? `Approve ${plural(count)}?` : 'Approve all waiting work?'
        }
        message={`This approves ${what}, and pays each worker their reward from the project's escrow. Work submitted later is left for you to review.`}
        confirmLabel="Approve"
        onConfirm={() => run({ action: 'approve', ...bodyFor(scope) })}
      >
        {scope.kind === 'selected' ? 'Approve selected' : 'Approve all waiting'}
      </ConfirmButton>
      <RejectButton onClick={() => setRejecting(true)}>
        {scope.kind === 'selected' ? 'Reject selected…' : 'Reject all waiting…'}
      </RejectButton>
      {rejecting && (
        <ReasonDialog
          title={
            scope.kind === 'selected' ? `Reject ${plural(count)}?` : 'Reject all waiting work?'
          }
          intro={`This rejects ${what}. Each worker sees the same reason; the rewards stay with you and the tasks go back to the pool.`}
          label="Reason"
          description="Shown to every worker whose work this rejects."
          missingMessage="Give the workers a reason: they read it."
          confirmLabel={scope.kind === 'selected' ? `Reject ${plural(count)}` : 'Reject all'}
          onClose={() => setRejecting(false)}
          onConfirm={(reason) => run({ action: 'reject', reason, ...bodyFor(scope) })}
        />
      )}
    </Group>
  );
}
