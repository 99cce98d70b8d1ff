import { sql } from 'kysely';
import type { Db } from '../../src/server/db/database.js';

/**
 * The ledger's invariants, checked from the raw tables: every transaction sums to zero and every
 * cached balance equals the sum of its account's entries.
 */
export async function expectLedgerConsistent(db: Db) {
  const unbalanced = await sql<{ transaction_id: string; total: number }>`
    select transaction_id, sum(amount_cents)::bigint as total
    from ledger_entries group by transaction_id having sum(amount_cents) <> 0`.execute(db);
  const drifted = await sql<{ id: string; balance_cents: number; total: number }>`
    select a.id, a.balance_cents, coalesce(sum(e.amount_cents), 0)::bigint as total
    from ledger_accounts a left join ledger_entries e on e.account_id = a.id
    where a.user_id is not null
    group by a.id, a.balance_cents
    having a.balance_cents <> coalesce(sum(e.amount_cents), 0)`.execute(db);
  const empty = await sql<{ id: string }>`
    select t.id from ledger_transactions t
    where not exists (select 1 from ledger_entries e where e.transaction_id = t.id)`.execute(db);
  return { unbalanced: unbalanced.rows, drifted: drifted.rows, empty: empty.rows };
}
