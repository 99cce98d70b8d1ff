import { sql } from 'kysely';
import type { Db } from '../../db/database.js';

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
  qualification_requirements: unknown[];
  requester_name: string;
  requester_handle: string;
  tasks_available: number;
};

const ORDER: Record<FeedSort, ReturnType<typeof sql>> = {
  newest: sql`p.published_at desc nulls last, p.id desc`,
  reward: sql`p.reward_cents desc, p.published_at desc nulls last, p.id desc`,
  available: sql`tasks_available desc, p.published_at desc nulls last, p.id desc`,
};

export function createFeedRepository(db: Db) {
  return {
    /**
     * Published, unexpired projects of requesters who have not blocked this worker, with at least
     * one open task the worker has not had. Qualification requirements are checked by the caller.
     * `onlyProjectId` narrows it to one project (the worker's preview).
     */
    async candidates(args: {
      workerId: string;
      now: Date;
      q?: string | undefined;
      sort: FeedSort;
      offset: number;
      limit: number;
      onlyProjectId?: string;
    }): Promise<FeedRow[]> {
      const pattern = args.q ? `%${args.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
      const result = await sql<FeedRow>`
        select p.id, p.owner_id, p.title, p.description, p.keywords, p.instructions, p.reward_cents,
               p.time_allotted_seconds, p.published_at, p.expires_at, p.qualification_requirements,
               u.display_name as requester_name, u.handle as requester_handle,
               open.n as tasks_available
        from projects p
        join users u on u.id = p.owner_id
        cross join lateral (
          select count(*)::int as n from tasks t
          where t.project_id = p.id and t.live_assignments < t.assignments_per_task
            and not exists (select 1 from assignments a where a.task_id = t.id and a.worker_id = ${args.workerId})
        ) open
        where p.status = 'published' and p.expires_at > ${args.now}
          and open.n > 0
          and not exists (
            select 1 from blocks b where b.requester_id = p.owner_id and b.worker_id = ${args.workerId})
          ${args.onlyProjectId ? sql`and p.id = ${args.onlyProjectId}` : sql``}
          ${
            pattern
              ? sql`and (p.title ilike ${pattern} or p.description ilike ${pattern}
                    or array_to_string(p.keywords, ' ') ilike ${pattern} or u.display_name ilike ${pattern})`
              : sql``
          }
        order by ${ORDER[args.sort]}
        offset ${args.offset} limit ${args.limit}`.execute(db);
      return result.rows.map((r) => ({ ...r, tasks_available: Number(r.tasks_available) }));
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
  };
}

export type FeedRepository = ReturnType<typeof createFeedRepository>;
