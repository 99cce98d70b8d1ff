import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import { requirementMetSql } from './requirement-sql.js';

export type FeedSort = 'newest' | 'reward' | 'available';

export type FeedRow = {
  id: string;
  owner_id: string;
  title: string;
  description: string;
  keywords: string[];
  instructions: string;
  reward_cents: number;
  time_allotted_seconds: number;
  published_at: Date | null;
  expires_at: Date;
  requester_name: string;
  requester_handle: string;
  tasks_available: number;
};

/** Open tasks of project `p` that worker `w` has not had. */
const openTaskFor = (workerId: string) => sql`
  from tasks t
  where t.project_id = p.id and t.live_assignments < t.assignments_per_task
    and not exists (select 1 from assignments a where a.task_id = t.id and a.worker_id = ${workerId})`;

export function createFeedRepository(db: Db) {
  return {
    /**
     * Published, unexpired projects whose requirements the worker meets, of requesters who have
     * not blocked them, with at least one open task the worker has not had. `values` are the
     * worker's qualification values by type id. Newest and reward orders walk the projects in
     * order and stop at the page; "available" has to count every candidate's open tasks first.
     */
    async candidates(args: {
      workerId: string;
      values: Record<string, number | string>;
      now: Date;
      q?: string | undefined;
      sort: FeedSort;
      offset: number;
      limit: number;
      onlyProjectId?: string;
    }): Promise<FeedRow[]> {
      const pattern = args.q ? `%${args.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
      const values = sql`${JSON.stringify(args.values)}::jsonb`;
      const order = {
        newest: sql`p.published_at desc nulls last, p.id desc`,
        reward: sql`p.reward_cents desc, p.published_at desc nulls last, p.id desc`,
        available: sql`(select count(*) ${openTaskFor(args.workerId)}) desc, p.published_at desc nulls last, p.id desc`,
      }[args.sort];
      const result = await sql<Omit<FeedRow, 'tasks_available'>>`
        select p.id, p.owner_id, p.title, p.description, p.keywords, p.instructions, p.reward_cents,
               p.time_allotted_seconds, p.published_at, p.expires_at,
               u.display_name as requester_name, u.handle as requester_handle
        from projects p
        join users u on u.id = p.owner_id
        where p.status = 'published' and p.expires_at > ${args.now}
          ${args.onlyProjectId ? sql`and p.id = ${args.onlyProjectId}` : sql``}
          ${
            pattern
              ? sql`and (p.title ilike ${pattern} or p.description ilike ${pattern}
                    or array_to_string(p.keywords, ' ') ilike ${pattern} or u.display_name ilike ${pattern})`
              : sql``
          }
          and not exists (
            select 1 from blocks b where b.requester_id = p.owner_id and b.worker_id = ${args.workerId})
          and not exists (
            select 1 from jsonb_array_elements(p.qualification_requirements) r
            where not ${requirementMetSql(sql`r`, values)})
          and exists (select 1 ${openTaskFor(args.workerId)})
        order by ${order}
        offset ${args.offset} limit ${args.limit}`.execute(db);
      const counts = await this.openTaskCounts(
        args.workerId,
        result.rows.map((r) => r.id),
      );
      return result.rows.map((r) => ({ ...r, tasks_available: counts.get(r.id) ?? 0 }));
    },

    /** How many open tasks each project still has for this worker (one task = one slot for them). */
    async openTaskCounts(workerId: string, projectIds: string[]): Promise<Map<string, number>> {
      if (!projectIds.length) return new Map();
      const result = await sql<{ id: string; n: number }>`
        select p.id, (select count(*)::int ${openTaskFor(workerId)}) as n
        from projects p where p.id in (${sql.join(projectIds)})`.execute(db);
      return new Map(result.rows.map((r) => [r.id, Number(r.n)]));
    },

    /** Median seconds from accept to submit over each project's 50 latest submissions. */
    async medianWorkSeconds(
      projectIds: string[],
    ): Promise<Map<string, { seconds: number; samples: number }>> {
      if (!projectIds.length) return new Map();
      const result = await sql<{ project_id: string; median_s: number; n: number }>`
        select project_id,
               percentile_cont(0.5) within group (order by extract(epoch from submitted_at - accepted_at)) as median_s,
               count(*)::int as n
        from (
          select project_id, submitted_at, accepted_at,
                 row_number() over (partition by project_id order by submitted_at desc) as rn
          from assignments
          where project_id in (${sql.join(projectIds)}) and submitted_at is not null
        ) recent
        where rn <= 50
        group by project_id`.execute(db);
      return new Map(
        result.rows.map((r) => [
          r.project_id,
          { seconds: Number(r.median_s), samples: Number(r.n) },
        ]),
      );
    },

    /** Every qualification value a worker holds from requesters' grants, by type id. */
    async grantedValues(workerId: string): Promise<Record<string, number>> {
      const rows = await db
        .selectFrom('qualification_grants')
        .select(['type_id', 'value'])
        .where('worker_id', '=', workerId)
        .execute();
      return Object.fromEntries(rows.map((r) => [r.type_id, r.value]));
    },
  };
}

export type FeedRepository = ReturnType<typeof createFeedRepository>;
