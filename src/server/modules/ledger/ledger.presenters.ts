import type { Balance, LedgerEntry } from '../../../shared/api/money.js';
import type { LedgerRepository } from './ledger.repository.js';
import type { LedgerService } from './ledger.service.js';

type HistoryRow = Awaited<ReturnType<LedgerRepository['history']>>[number];

/** A requester's funds with the server's money settings the web app needs beside them. */
export function presentBalance(
  balance: { availableCents: number; escrowCents: number },
  settings: Pick<LedgerService, 'paymentsSandbox' | 'feePercent'>,
  minHourlyCents: number,
): Balance {
  return {
    ...balance,
    sandboxDeposits: settings.paymentsSandbox,
    platformFeePercent: settings.feePercent,
    payFloorCentsPerHour: minHourlyCents,
  };
}

export function presentLedgerEntry(row: HistoryRow): LedgerEntry {
  return {
    id: String(row.entry_id),
    transactionId: row.transaction_id,
    kind: row.kind,
    memo: row.memo,
    account: row.account,
    amountCents: Number(row.amount_cents),
    projectId: row.project_id,
    assignmentId: row.assignment_id,
    // Only an administrator's record of an offline payment has a reference to show.
    reference: row.kind === 'deposit' ? row.external_reference : null,
    createdAt: row.created_at.toISOString(),
  };
}
