import { describe, expect, it } from 'vitest';
import type { LedgerEntry } from '../../../../shared/api/money.js';
import { groupLedger } from './ledger.js';

let nextId = 0;
function entry(
  transactionId: string,
  account: LedgerEntry['account'],
  amountCents: number,
  kind: LedgerEntry['kind'] = 'escrow',
): LedgerEntry {
  nextId += 1;
  return {
    id: String(nextId),
    transactionId,
    kind,
    memo: `memo of ${transactionId}`,
    account,
    amountCents,
    projectId: null,
    assignmentId: null,
    reference: null,
    createdAt: '2026-11-28T10:00:00.000Z',
  };
}

describe('groupLedger', () => {
  it('makes one row per transaction, in order, with each balance’s change', () => {
    const rows = groupLedger([
      entry('t3', 'requester_escrow', -40, 'release'),
      entry('t3', 'requester_available', 40, 'release'),
      entry('t2', 'requester_escrow', 100),
      entry('t2', 'requester_available', -100),
      entry('t1', 'requester_available', 500, 'deposit'),
    ]);
    expect(rows.map((r) => [r.transactionId, r.kind, r.availableCents, r.escrowCents])).toEqual([
      ['t3', 'release', 40, -40],
      ['t2', 'escrow', -100, 100],
      ['t1', 'deposit', 500, 0],
    ]);
  });

  it('joins a transaction split across pages', () => {
    const rows = groupLedger([
      entry('t9', 'requester_escrow', 25),
      entry('t9', 'requester_available', -25),
    ]);
    expect(rows).toHaveLength(1);
    expect(groupLedger([])).toEqual([]);
  });
});
