import type { ManualDeposit } from '../../../shared/api/money.js';
import type { ManualDepositRow } from './manual-deposits.repository.js';

export function presentManualDeposit(row: ManualDepositRow): ManualDeposit {
  return {
    id: row.id,
    transactionId: row.transaction_id,
    amountCents: Number(row.amount_cents),
    reference: row.reference,
    note: row.note,
    requester: {
      id: row.requester_id,
      displayName: row.requester_name,
      handle: row.requester_handle,
      email: row.requester_email,
    },
    recordedBy: {
      id: row.recorder_id,
      displayName: row.recorder_name,
      handle: row.recorder_handle,
      email: row.recorder_email,
    },
    recordedAt: row.recorded_at.toISOString(),
  };
}
