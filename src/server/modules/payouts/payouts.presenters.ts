import type { Payout } from '../../../shared/api/earnings.js';
import type { ProjectEarningsRow } from './earnings.repository.js';
import { presentPayoutDestination } from './payout-methods.presenters.js';
import type { AdminPayoutRow, PayoutRow } from './payouts.repository.js';

export function presentPayout(row: PayoutRow): Payout {
  return {
    id: row.id,
    workerId: row.worker_id,
    amountCents: Number(row.amount_cents),
    status: row.status,
    requestedAt: row.requested_at.toISOString(),
    paidAt: row.paid_at?.toISOString() ?? null,
    cancelledAt: row.cancelled_at?.toISOString() ?? null,
    reference: row.reference,
    cancelReason: row.cancel_reason,
    destination: presentPayoutDestination(row),
  };
}

/** A payout as administrators see it: with the worker it goes to. */
export function presentAdminPayout(row: AdminPayoutRow) {
  return {
    ...presentPayout(row),
    worker: {
      id: row.worker_id,
      handle: row.handle,
      displayName: row.display_name,
      email: row.email,
    },
  };
}

export function presentProjectEarnings(row: ProjectEarningsRow) {
  return {
    projectId: row.project_id,
    projectTitle: row.project_title,
    requester: {
      id: row.requester_id,
      handle: row.requester_handle,
      displayName: row.requester_name,
    },
    approvedCount: row.approved_count,
    approvedCents: row.approved_cents,
    pendingCount: row.pending_count,
    pendingCents: row.pending_cents,
    rejectedCount: row.rejected_count,
    bonusesCents: row.bonuses_cents,
    lastAcceptedAt: row.last_accepted_at.toISOString(),
  };
}
