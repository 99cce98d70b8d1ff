import type { Appeal } from '../../../shared/api/appeals.js';
import type { AppealRow } from './appeals.repository.js';

/** An appeal as both its sides read it: the conversation from the rejection to the decision. */
export function presentAppeal(row: AppealRow): Appeal {
  const conversation: Appeal['conversation'] = [
    {
      kind: 'rejection',
      from: 'requester',
      message: row.rejection_reason,
      at: row.rejected_at.toISOString(),
    },
    { kind: 'appeal', from: 'worker', message: row.message, at: row.created_at.toISOString() },
  ];
  if (row.decided_at) {
    conversation.push({
      kind: 'decision',
      from: row.automatic ? 'platform' : 'requester',
      message: row.decision_message,
      at: row.decided_at.toISOString(),
    });
  }
  return {
    id: row.id,
    assignmentId: row.assignment_id,
    projectId: row.project_id,
    projectTitle: row.project_title,
    worker: { id: row.worker_id, handle: row.worker_handle, displayName: row.worker_name },
    requesterId: row.requester_id,
    status: row.status,
    automatic: row.automatic,
    rewardCents: row.reward_cents,
    createdAt: row.created_at.toISOString(),
    responseDeadline: row.response_deadline.toISOString(),
    decidedAt: row.decided_at?.toISOString() ?? null,
    conversation,
  };
}
