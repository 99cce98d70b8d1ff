import { sql } from 'kysely';
import type { Db } from '../../src/server/db/database.js';
import { slotEscrowCents } from '../../src/shared/money.js';
import { openTasksSql } from '../../src/server/db/open-tasks.js';

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

/**
 * Every invariant of the money, from the raw tables; each list is empty when all hold:
 * - every transaction sums to zero and cached balances equal their entries;
 * - no requester's available funds, escrow or worker's earnings are negative;
 * - each project's escrow equals what is still owed on it: while open (published or paused),
 *   Σ over tasks of their free slots (adaptive overlap's reserve slots included), plus Σ over
 *   accepted and submitted assignments holding a slot at the reward each was accepted at (a HIT
 *   moved to a HIT type of another reward keeps its work in progress at the old one), each slot
 *   at (reward + fee + the project's top-up reserve + its fee); once closed (cancelled or
 *   completed), Σ over accepted and submitted assignments of the same; nothing for a draft;
 * - a worker's earnings = approved rewards + their top-ups + bonuses − payouts not cancelled;
 * - each task's live counter equals the assignments holding its slots.
 */
export async function ledgerViolations(db: Db, feePercent: number) {
  const slotCost = (reward: number, reserve: number) =>
    slotEscrowCents(reward, reserve, feePercent);
  const negative = await db
    .selectFrom('ledger_accounts')
    .select(['id', 'kind', 'balance_cents'])
    .where('user_id', 'is not', null)
    .where('balance_cents', '<', 0)
    .execute();

  const projects = await db
    .selectFrom('projects')
    .select(['id', 'status', 'top_up_reserve_cents'])
    .execute();
  const freeSlots = await sql<{ project_id: string; reward_cents: number; unpaid: number }>`
    select t.project_id, t.reward_cents,
           sum(t.assignments_per_task + t.reserve_slots - (select count(*) from assignments a
               where a.task_id = t.id and a.holds_slot
                 and a.status in ('accepted', 'submitted', 'approved')))::int as unpaid
    from tasks t group by 1, 2`.execute(db);
  const inProgress = await sql<{ project_id: string; reward_cents: number; n: number }>`
    select project_id, reward_cents, count(*)::int as n from assignments
    where status in ('accepted', 'submitted') group by 1, 2`.execute(db);
  const inProgressHolding = await sql<{ project_id: string; reward_cents: number; n: number }>`
    select project_id, reward_cents, count(*)::int as n from assignments
    where status in ('accepted', 'submitted') and holds_slot group by 1, 2`.execute(db);
  const escrow = await sql<{ project_id: string; cents: number }>`
    select e.project_id, sum(e.amount_cents)::bigint as cents from ledger_entries e
    join ledger_accounts a on a.id = e.account_id
    where a.kind = 'requester_escrow' group by 1`.execute(db);
  const held = new Map(escrow.rows.map((r) => [r.project_id, Number(r.cents)]));
  const escrowMismatched = [];
  for (const p of projects) {
    const ofProject = (r: { project_id: string }) => r.project_id === p.id;
    const rows =
      p.status === 'published' || p.status === 'paused'
        ? [
            ...freeSlots.rows.filter(ofProject).map((r) => [r.reward_cents, r.unpaid]),
            ...inProgressHolding.rows.filter(ofProject).map((r) => [r.reward_cents, r.n]),
          ]
        : p.status === 'draft'
          ? []
          : inProgress.rows.filter((r) => r.project_id === p.id).map((r) => [r.reward_cents, r.n]);
    const owed = rows.reduce(
      (sum, [reward, n]) => sum + Number(n) * slotCost(Number(reward), p.top_up_reserve_cents),
      0,
    );
    if ((held.get(p.id) ?? 0) !== owed) {
      escrowMismatched.push({ project: p.id, status: p.status, held: held.get(p.id) ?? 0, owed });
    }
  }

  const earnings = await sql<{ user_id: string; balance: number; expected: number }>`
    select a.user_id, a.balance_cents as balance,
           ((select coalesce(sum(reward_cents + top_up_cents), 0) from assignments
              where worker_id = a.user_id and status = 'approved')
          + (select coalesce(sum(amount_cents), 0) from bonuses where worker_id = a.user_id)
          - (select coalesce(sum(amount_cents), 0) from payouts
              where worker_id = a.user_id and status in ('requested', 'paid')))::bigint as expected
    from ledger_accounts a where a.kind = 'worker_earnings'`.execute(db);

  const slotDrift = await sql<{ id: string }>`
    select t.id from tasks t
    where t.live_assignments <> (select count(*) from assignments a
      where a.task_id = t.id and a.holds_slot and a.status in ('accepted', 'submitted', 'approved'))
    union all
    -- The open-task count the feed sorts by, kept by triggers, against a fresh count (a
    -- cancelled task is never open).
    select p.id from projects p
    where ${openTasksSql('p')} <> (select count(*) from tasks t
      where t.project_id = p.id and t.live_assignments < t.assignments_per_task
        and t.cancelled_at is null)`.execute(db);

  return {
    ...(await expectLedgerConsistent(db)),
    negative,
    escrowMismatched,
    earningsMismatched: earnings.rows.filter((r) => Number(r.balance) !== Number(r.expected)),
    slotDrift: slotDrift.rows,
  };
}

export const NO_LEDGER_VIOLATIONS = {
  unbalanced: [],
  drifted: [],
  empty: [],
  negative: [],
  escrowMismatched: [],
  earningsMismatched: [],
  slotDrift: [],
};
