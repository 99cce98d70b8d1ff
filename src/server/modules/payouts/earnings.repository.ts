import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import { newestFirstPage, type KeysetRequest } from '../../db/pagination.js';
import type { LedgerAccountKind, LedgerTransactionKind } from '../../db/types.js';

/** The projects a requester's figures cover: the listed ones, or all of an owner's. */
type ProjectScope = { projectIds: string[] } | { ownerId: string };

/** The condition that `column` (a project id) is one of the scope's projects. */
function inScope(column: string, scope: ProjectScope) {
  const projectId = sql.ref(column);
  if ('ownerId' in scope) {
    return sql`${projectId} in (select id from projects where owner_id = ${scope.ownerId})`;
  }
  return scope.projectIds.length
    ? sql`${projectId} in (${sql.join(scope.projectIds)})`
    : sql`false`;
}

/** Read models of money: a worker's earnings and a requester's spending. */
export function createEarningsRepository(db: Db) {
  return {
    async workerTotals(workerId: string, trx: Db = db) {
      const { rows } = await sql<{
        pending: number;
        approved: number;
        bonuses: number;
        top_ups: number;
        paid_out: number;
        in_flight: number;
      }>`
        select
          (select coalesce(sum(reward_cents), 0) from assignments
            where worker_id = ${workerId} and status = 'submitted')::bigint as pending,
          (select coalesce(sum(reward_cents), 0) from assignments
            where worker_id = ${workerId} and status = 'approved')::bigint as approved,
          (select coalesce(sum(amount_cents), 0) from bonuses
            where worker_id = ${workerId})::bigint as bonuses,
          (select coalesce(sum(top_up_cents), 0) from assignments
            where worker_id = ${workerId} and status = 'approved')::bigint as top_ups,
          (select coalesce(sum(amount_cents), 0) from payouts
            where worker_id = ${workerId} and status in ('requested', 'paid'))::bigint as paid_out,
          (select coalesce(sum(amount_cents), 0) from payouts
            where worker_id = ${workerId} and status = 'requested')::bigint as in_flight`.execute(
        trx,
      );
      const r = rows[0];
      return {
        pendingCents: Number(r?.pending ?? 0),
        approvedRewardsCents: Number(r?.approved ?? 0),
        bonusesCents: Number(r?.bonuses ?? 0),
        topUpsCents: Number(r?.top_ups ?? 0),
        paidOutCents: Number(r?.paid_out ?? 0),
        inFlightCents: Number(r?.in_flight ?? 0),
      };
    },

    async recentBonuses(workerId: string, limit: number, trx: Db = db) {
      return trx
        .selectFrom('bonuses')
        .selectAll()
        .where('worker_id', '=', workerId)
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(limit)
        .execute();
    },

    /** Approved rewards and bonuses per UTC day since `from`. */
    async daily(workerId: string, from: Date, trx: Db = db) {
      const { rows } = await sql<{ day: string; n: number; cents: number; bonuses: number }>`
        select day, sum(n)::int as n, sum(cents)::bigint as cents, sum(bonuses)::bigint as bonuses
        from (
          select to_char(reviewed_at at time zone 'UTC', 'YYYY-MM-DD') as day,
                 count(*) as n, sum(reward_cents) as cents, 0 as bonuses
          from assignments
          where worker_id = ${workerId} and status = 'approved' and reviewed_at >= ${from}
          group by 1
          union all
          select to_char(created_at at time zone 'UTC', 'YYYY-MM-DD'), 0, 0, sum(amount_cents)
          from bonuses
          where worker_id = ${workerId} and created_at >= ${from}
          group by 1
        ) d
        group by day`.execute(trx);
      return rows.map((r) => ({
        day: r.day,
        count: Number(r.n),
        cents: Number(r.cents),
        bonusesCents: Number(r.bonuses),
      }));
    },

    /** Per project I worked on, most recently accepted first (keyset on that and the id). */
    async perProject(workerId: string, page: KeysetRequest, trx: Db = db) {
      const having = page.before
        ? sql`having (max(a.accepted_at), a.project_id) < (${page.before.t}, ${page.before.id})`
        : sql``;
      const { rows } = await sql<{
        project_id: string;
        project_title: string;
        requester_id: string;
        requester_handle: string;
        requester_name: string;
        approved_count: number;
        approved_cents: number;
        pending_count: number;
        pending_cents: number;
        rejected_count: number;
        bonuses_cents: number;
        last_accepted_at: Date;
      }>`
        select a.project_id, p.title as project_title, u.id as requester_id,
               u.handle as requester_handle, u.display_name as requester_name,
               count(*) filter (where a.status = 'approved')::int as approved_count,
               coalesce(sum(a.reward_cents) filter (where a.status = 'approved'), 0)::bigint as approved_cents,
               count(*) filter (where a.status = 'submitted')::int as pending_count,
               coalesce(sum(a.reward_cents) filter (where a.status = 'submitted'), 0)::bigint as pending_cents,
               count(*) filter (where a.status = 'rejected')::int as rejected_count,
               (select coalesce(sum(b.amount_cents), 0) from bonuses b
                 where b.worker_id = ${workerId} and b.project_id = a.project_id)::bigint as bonuses_cents,
               max(a.accepted_at) as last_accepted_at
        from assignments a
        join projects p on p.id = a.project_id
        join users u on u.id = p.owner_id
        where a.worker_id = ${workerId}
        group by a.project_id, p.title, u.id, u.handle, u.display_name
        ${having}
        order by max(a.accepted_at) desc, a.project_id desc
        limit ${page.limit + 1}`.execute(trx);
      return rows.map((r) => ({
        ...r,
        approved_count: Number(r.approved_count),
        approved_cents: Number(r.approved_cents),
        pending_count: Number(r.pending_count),
        pending_cents: Number(r.pending_cents),
        rejected_count: Number(r.rejected_count),
        bonuses_cents: Number(r.bonuses_cents),
        last_accepted_at: new Date(r.last_accepted_at),
      }));
    },

    /** A requester's projects, newest first (keyset on created_at and id). */
    async ownedProjects(ownerId: string, page: KeysetRequest, trx: Db = db) {
      const query = trx
        .selectFrom('projects')
        .select(['id', 'title', 'status', 'created_at'])
        .where('owner_id', '=', ownerId);
      return newestFirstPage(query, ['created_at', 'id'], page).execute();
    },

    /**
     * Sums of ledger entries by project, transaction kind and account kind, for the listed
     * projects or (with `ownerId`) all of a requester's projects.
     */
    async ledgerSums(scope: ProjectScope, trx: Db = db) {
      const where = inScope('t.project_id', scope);
      const { rows } = await sql<{
        project_id: string;
        kind: LedgerTransactionKind;
        account: LedgerAccountKind;
        cents: number;
      }>`
        select t.project_id, t.kind, a.kind as account, sum(e.amount_cents)::bigint as cents
        from ledger_transactions t
        join ledger_entries e on e.transaction_id = t.id
        join ledger_accounts a on a.id = e.account_id
        where ${where}
        group by 1, 2, 3`.execute(trx);
      return rows.map((r) => ({ ...r, cents: Number(r.cents) }));
    },

    async approvedCounts(scope: ProjectScope, trx: Db = db) {
      const where = inScope('a.project_id', scope);
      const { rows } = await sql<{ project_id: string; n: number }>`
        select a.project_id, count(*)::int as n from assignments a
        where ${where} and a.status = 'approved'
        group by 1`.execute(trx);
      return new Map(rows.map((r) => [r.project_id, Number(r.n)]));
    },
  };
}

export type EarningsRepository = ReturnType<typeof createEarningsRepository>;
export type ProjectEarningsRow = Awaited<ReturnType<EarningsRepository['perProject']>>[number];
