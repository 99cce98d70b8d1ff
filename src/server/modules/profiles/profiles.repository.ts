import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import type { KeysetRequest } from '../../db/pagination.js';
import type { ProjectStatus } from '../../db/types.js';

export type PublicProjectRow = {
  id: string;
  title: string;
  status: ProjectStatus;
  published_at: Date;
  jobs_approved: number;
  paid_to_workers_cents: number;
};

/** Read models of a user's public track record: only approved work and published projects. */
export function createProfilesRepository(db: Db) {
  return {
    async workerRecord(workerId: string, trx: Db = db) {
      const { rows } = await sql<{
        jobs: number;
        projects: number;
        rewards: number;
        bonuses: number;
      }>`
        select count(*)::int as jobs,
               count(distinct project_id)::int as projects,
               coalesce(sum(reward_cents), 0)::bigint as rewards,
               (select coalesce(sum(amount_cents), 0) from bonuses
                 where worker_id = ${workerId})::bigint as bonuses
        from assignments
        where worker_id = ${workerId} and status = 'approved'`.execute(trx);
      const r = rows[0];
      return {
        jobsCompleted: Number(r?.jobs ?? 0),
        projectsWorkedOn: Number(r?.projects ?? 0),
        earnedCents: Number(r?.rewards ?? 0) + Number(r?.bonuses ?? 0),
      };
    },

    async requesterRecord(ownerId: string, trx: Db = db) {
      const { rows } = await sql<{
        projects: number;
        jobs: number;
        rewards: number;
        bonuses: number;
      }>`
        select
          (select count(*) from projects
            where owner_id = ${ownerId} and published_at is not null)::int as projects,
          (select count(*) from assignments a join projects p on p.id = a.project_id
            where p.owner_id = ${ownerId} and a.status = 'approved')::int as jobs,
          (select coalesce(sum(a.reward_cents), 0) from assignments a
            join projects p on p.id = a.project_id
            where p.owner_id = ${ownerId} and a.status = 'approved')::bigint as rewards,
          (select coalesce(sum(amount_cents), 0) from bonuses
            where requester_id = ${ownerId})::bigint as bonuses`.execute(trx);
      const r = rows[0];
      return {
        projectsPublished: Number(r?.projects ?? 0),
        jobsApproved: Number(r?.jobs ?? 0),
        paidToWorkersCents: Number(r?.rewards ?? 0) + Number(r?.bonuses ?? 0),
      };
    },

    /** Published projects, most recently published first (keyset on published_at and id). */
    async publishedProjects(
      ownerId: string,
      page: KeysetRequest,
      trx: Db = db,
    ): Promise<PublicProjectRow[]> {
      const before = page.before
        ? sql`and (p.published_at, p.id) < (${page.before.t}, ${page.before.id})`
        : sql``;
      const { rows } = await sql<PublicProjectRow>`
        select p.id, p.title, p.status, p.published_at,
               (select count(*) from assignments a
                 where a.project_id = p.id and a.status = 'approved')::int as jobs_approved,
               ((select coalesce(sum(a.reward_cents), 0) from assignments a
                  where a.project_id = p.id and a.status = 'approved')
                + (select coalesce(sum(b.amount_cents), 0) from bonuses b
                  where b.project_id = p.id))::bigint as paid_to_workers_cents
        from projects p
        where p.owner_id = ${ownerId} and p.published_at is not null ${before}
        order by p.published_at desc, p.id desc
        limit ${page.limit + 1}`.execute(trx);
      return rows.map((r) => ({
        ...r,
        published_at: new Date(r.published_at),
        jobs_approved: Number(r.jobs_approved),
        paid_to_workers_cents: Number(r.paid_to_workers_cents),
      }));
    },
  };
}

export type ProfilesRepository = ReturnType<typeof createProfilesRepository>;
