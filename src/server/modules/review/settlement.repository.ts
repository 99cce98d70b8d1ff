import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import { projectHeading } from '../../db/project-heading.js';

export function createSettlementRepository(db: Db) {
  return {
    /** The project row, locked for its settlement; undefined when another settlement holds it. */
    async lockProject(trx: Db, projectId: string, options: { skipLocked: boolean }) {
      const query = trx
        .selectFrom('projects')
        .select([...projectHeading, 'expires_at', 'published_at', 'settled_at', 'task_count'])
        .where('id', '=', projectId)
        .forUpdate();
      return (options.skipLocked ? query.skipLocked() : query).executeTakeFirst();
    },

    /**
     * Every slot of every task is taken by approved work (none is open, none in progress), and no
     * pilot holds tasks back: a pilot's approved work leaves its rest still to publish.
     */
    async allSlotsApproved(trx: Db, projectId: string): Promise<boolean> {
      const { rows } = await sql<{ done: boolean }>`
        select not exists (
                 select 1 from projects
                 where id = ${projectId} and pilot_started_at is not null
                   and pilot_ended_at is null)
           and not exists (
                 select 1 from tasks
                 where project_id = ${projectId} and live_assignments < assignments_per_task)
           and not exists (
                 select 1 from assignments
                 where project_id = ${projectId} and status in ('accepted', 'submitted'))
           as done`.execute(trx);
      return rows[0]?.done === true;
    },

    /**
     * Work still owed on a closed project, by reward (and the project's top-up reserve): accepted (even past its deadline until the
     * expiry sweep records it) and submitted assignments.
     */
    async outstandingByReward(trx: Db, projectId: string) {
      const { rows } = await sql<{ reward_cents: number; reserve_cents: number; n: number }>`
        select a.reward_cents, p.top_up_reserve_cents as reserve_cents, count(*)::int as n
        from assignments a join projects p on p.id = a.project_id
        where a.project_id = ${projectId} and a.status in ('accepted', 'submitted')
        group by 1, 2`.execute(trx);
      return rows.map((r) => ({
        rewardCents: Number(r.reward_cents),
        reserveCents: Number(r.reserve_cents),
        count: Number(r.n),
      }));
    },

    async markCompleted(trx: Db, projectId: string, now: Date) {
      await trx
        .updateTable('projects')
        .set({ status: 'completed', completed_at: now, updated_at: now })
        .where('id', '=', projectId)
        .execute();
    },

    async markSettled(trx: Db, projectId: string, now: Date) {
      await trx
        .updateTable('projects')
        .set({ settled_at: now })
        .where('id', '=', projectId)
        .execute();
    },

    /**
     * Projects a settlement may change, in id order from `afterId`: open ones past their expiry or
     * with every slot approved, and closed ones that still hold escrow or owe work.
     */
    async candidates(now: Date, page: { limit: number; afterId?: string }): Promise<string[]> {
      const after = page.afterId ? sql`p.id > ${page.afterId} and` : sql``;
      const { rows } = await sql<{ id: string }>`
        select p.id from projects p
        where ${after} ((p.status in ('published', 'paused') and (
                 p.expires_at <= ${now}
                 or (p.task_count > 0
                     and (p.pilot_started_at is null or p.pilot_ended_at is not null)
                     and not exists (select 1 from tasks t
                                     where t.project_id = p.id
                                       and t.live_assignments < t.assignments_per_task)
                     and not exists (select 1 from assignments a
                                     where a.project_id = p.id
                                       and a.status in ('accepted', 'submitted')))))
           or (p.status in ('cancelled', 'completed') and p.settled_at is null
               and p.published_at is not null))
        order by p.id
        limit ${page.limit}`.execute(db);
      return rows.map((r) => r.id);
    },
  };
}

export type SettlementRepository = ReturnType<typeof createSettlementRepository>;
