import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../../db/database.js';
import { requirementMetSql } from './requirement-sql.js';

/** How many of a project's latest submissions its estimated hourly rate is taken from. */
const RECENT_SUBMISSIONS = 50;

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
  /** Of the latest submissions (null when there are none), and how many there were. */
  median_seconds: number | null;
  samples: number;
};

/** Open tasks of project `p` that worker `w` has not had. */
const openTaskFor = (workerId: string) => sql`
  from tasks t
  where t.project_id = p.id and t.live_assignments < t.assignments_per_task
    and not exists (select 1 from assignments a where a.task_id = t.id and a.worker_id = ${workerId})`;

/** All open tasks of a project: an index-only count of `tasks_open_idx`. */
const openTasksOf = (projectId: RawBuilder<unknown>) => sql<number>`(select count(*) from tasks t
  where t.project_id = ${projectId} and t.live_assignments < t.assignments_per_task)`;

/**
 * The open tasks the worker has had (returned, rejected or still holding), per project, as `m`:
 * read once from the worker's own assignments. A project's open tasks less these are the ones
 * the worker has not had — the count of `openTaskFor`, without a probe of the assignments per
 * open task (a worker holds at most one assignment per task).
 */
const workerOpenTasksByProject = (workerId: string, projectId: RawBuilder<unknown>) => sql`(
  select t.project_id, count(*) as n
  from assignments a join tasks t on t.id = a.task_id
  where a.worker_id = ${workerId} and t.live_assignments < t.assignments_per_task
  group by t.project_id) m on m.project_id = ${projectId}`;

/** Needs `workerOpenTasksByProject` joined for the same project. */
const tasksAvailable = (projectId: RawBuilder<unknown>) =>
  sql<number>`(${openTasksOf(projectId)} - coalesce(m.n, 0))::int`;

/**
 * The median seconds from accept to submit over a project's latest submissions, and how many
 * there were: straight from assignments_project_submitted_idx, so a project with a million
 * submissions costs what one with fifty does.
 */
const recentWorkTime = (projectId: RawBuilder<unknown>) => sql`
  select percentile_cont(0.5) within group (
           order by extract(epoch from a.submitted_at - a.accepted_at)) as median_seconds,
         count(*)::int as samples
  from (
    select submitted_at, accepted_at from assignments
    where project_id = ${projectId} and submitted_at is not null
    order by submitted_at desc
    limit ${RECENT_SUBMISSIONS}
  ) a`;

export function createFeedRepository(db: Db) {
  return {
    /**
     * Published, unexpired projects whose requirements the worker meets, of requesters who have
     * not blocked them, with at least one open task the worker has not had; each with the open
     * tasks left for this worker and the median work time of its latest submissions. `values`
     * are the worker's qualification values by type id. Newest and reward orders walk their
     * indexes (projects_feed_*_idx) and stop at the page; "available" has to count every
     * candidate's open tasks first, so it costs in proportion to the open tasks of all of them.
     * One statement: the counts and medians are taken for the page's projects only.
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
      const pageOrder = {
        newest: sql`p.published_at desc nulls last, p.id desc`,
        reward: sql`p.reward_cents desc, p.published_at desc nulls last, p.id desc`,
        available: sql`${tasksAvailable(sql`p.id`)} desc, p.published_at desc nulls last, p.id desc`,
      }[args.sort];
      const order = {
        newest: sql`published_at desc nulls last, id desc`,
        reward: sql`reward_cents desc, published_at desc nulls last, id desc`,
        available: sql`tasks_available desc, published_at desc nulls last, id desc`,
      }[args.sort];
      const query = sql<FeedRow>`
        select page.*, ${tasksAvailable(sql`page.id`)} as tasks_available,
          recent.median_seconds, recent.samples
        from (
          select p.id, p.owner_id, p.title, p.description, p.keywords, p.instructions,
                 p.reward_cents, p.time_allotted_seconds, p.published_at, p.expires_at,
                 u.display_name as requester_name, u.handle as requester_handle
          from projects p
          join users u on u.id = p.owner_id
          ${args.sort === 'available' ? sql`left join ${workerOpenTasksByProject(args.workerId, sql`p.id`)}` : sql``}
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
          order by ${pageOrder}
          offset ${args.offset} limit ${args.limit}
        ) page
        left join ${workerOpenTasksByProject(args.workerId, sql`page.id`)}
        cross join lateral (${recentWorkTime(sql`page.id`)}) recent
        order by ${order}`;
      // Only the first page of the newest or best-paid projects is sure to be a short walk of
      // an index. The other pages may look at every published project (a rare search word, the
      // "available" order, a deep page), which PostgreSQL estimates past its jit_above_cost:
      // compiling such a plan took 60–900 ms for a query that runs in tens. No JIT for those.
      if (!pattern && args.sort !== 'available' && args.offset === 0) {
        return (await query.execute(db)).rows;
      }
      return db.transaction().execute(async (trx) => {
        await sql`set local jit = off`.execute(trx);
        return (await query.execute(trx)).rows;
      });
    },

    /**
     * What a worker's qualification values come from, in one round trip: their grants (by type
     * id), how many of their assignments were approved and rejected, and their country.
     */
    async workerFacts(workerId: string): Promise<{
      grants: Record<string, number>;
      approved: number;
      rejected: number;
      country: string | null;
    }> {
      const result = await sql<{
        grants: Record<string, number>;
        approved: number;
        rejected: number;
        country: string | null;
      }>`
        select
          (select coalesce(jsonb_object_agg(g.type_id, g.value), '{}'::jsonb)
            from qualification_grants g where g.worker_id = ${workerId}) as grants,
          (select count(*) from assignments a
            where a.worker_id = ${workerId} and a.status = 'approved')::int as approved,
          (select count(*) from assignments a
            where a.worker_id = ${workerId} and a.status = 'rejected')::int as rejected,
          (select u.country from users u where u.id = ${workerId}) as country`.execute(db);
      const row = result.rows[0];
      return {
        grants: row?.grants ?? {},
        approved: Number(row?.approved ?? 0),
        rejected: Number(row?.rejected ?? 0),
        country: row?.country ?? null,
      };
    },
  };
}

export type FeedRepository = ReturnType<typeof createFeedRepository>;
