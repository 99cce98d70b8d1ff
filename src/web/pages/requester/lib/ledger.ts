import type { LedgerEntry } from '../../../../shared/api/money.js';

/** One money movement as a requester reads it: what it did to each of their two balances. */
export type LedgerTransaction = {
  transactionId: string;
  kind: LedgerEntry['kind'];
  memo: string;
  createdAt: string;
  projectId: string | null;
  /** The payment's reference, on deposits an administrator recorded. */
  reference: string | null;
  availableCents: number;
  escrowCents: number;
};

/**
 * Folds ledger entries (newest first, one per account touched) into transactions, keeping their
 * order. An escrow is then one row, "Available −$5, Escrow +$5", instead of two.
 */
export function groupLedger(entries: readonly LedgerEntry[]): LedgerTransaction[] {
  const byId = new Map<string, LedgerTransaction>();
  for (const entry of entries) {
    let transaction = byId.get(entry.transactionId);
    if (!transaction) {
      transaction = {
        transactionId: entry.transactionId,
        kind: entry.kind,
        memo: entry.memo,
        createdAt: entry.createdAt,
        projectId: entry.projectId,
        reference: entry.reference,
        availableCents: 0,
        escrowCents: 0,
      };
      byId.set(entry.transactionId, transaction);
    }
    if (entry.account === 'requester_available') transaction.availableCents += entry.amountCents;
    if (entry.account === 'requester_escrow') transaction.escrowCents += entry.amountCents;
  }
  return [...byId.values()];
}
