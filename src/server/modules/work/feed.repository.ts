import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../../db/database.js';
import { belowGoldFloorSql } from '../../db/gold-record.js';
import { openTasksSql, projectsWithChangesSql } from '../../db/open-tasks.js';
import type { ReputationRow } from '../reputation/reputation.presenters.js';
import { requirementMetSql } from './requirement-sql.js';

export type FeedSort = 'newest' | 'reward' | 'available' | 'hourly';

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
  /**
   * Quartiles of the work time of the plausible latest submissions (null below 3 of them), and
   * how many there were: kept on the project by a trigger on submit (migration 20261206070100).
   */
  work_seconds_p25: number | null;
  work_seconds_median: number | null;
  work_seconds_p75: number | null;
  work_samples: number;
  /** The requester's estimate, shown (as one) before the work is measured. */
  estimated_seconds: number | null;
  /** Tests the worker can take to meet the requirements they do not meet yet (their only gap). */
  tests_to_take: { qualificationTypeId: string; name: string }[];
  /** The requester's kept reputation counts (user_reputation), null before any activity. */
  requester_reputation: ReputationRow | null;
};

/**
 * Who the worker's ratings involve (DESIGN §10), read with the worker's facts: requesters the
 * worker rated up and down (their feed order), and requesters who rated the worker up and down
 * (early access; never offered unless the project includes the rated down).
 */
export type RatingCircle = {
  iRatedUp: string[];
  iRatedDown: string[];
  ratedMeUp: string[];
  ratedMeDown: string[];
};

/**
 * The open tasks the worker has had (returned, rejected or still holding), per project: read once
 * from the worker's own assignments (a worker holds at most one assignment per task). A project's
 * open tasks (`openTasksSql`: kept by triggers on tasks) less these are the ones the worker
 * may still be given, without a probe of the tasks or assignments per project. Used as `m`.
 */
const workerOpenTasksByProject = (workerId: string) => sql`
  select t.project_id, count(*) as n
  from assignments a join tasks t on t.id = a.task_id
  where a.worker_id = ${workerId} and t.live_assignments < t.assignments_per_task
    and t.cancelled_at is null
  group by t.project_id`;

/**
 * Projects that stopped giving this worker tasks (DESIGN §9): with `minGoldAnswered` of their gold
 * answered, accuracy below the project's minimum. Read once from the worker's own scored gold
 * answers (few); the feed leaves these out, and accept says why (403 `quality_too_low`). Used as
 * `stopped`.
 */
const workerStoppedProjects = (workerId: string) => sql`
  select a.project_id
  from assignments a join projects sp on sp.id = a.project_id
  where a.worker_id = ${workerId} and a.gold_correct is not null
    and sp.min_gold_accuracy_percent > 0
  group by a.project_id, sp.min_gold_accuracy_percent, sp.min_gold_answered
  having ${belowGoldFloorSql({
    answered: sql<number>`count(*)`,
    correct: sql<number>`count(*) filter (where a.gold_correct)`,
    minimumPercent: sql.ref('sp.min_gold_accuracy_percent'),
    minAnswered: sql.ref('sp.min_gold_answered'),
  })}`;

/**
 * The open tasks left for this worker in project `p`, as `avail.n`: joined after `m`
 * (`workerOpenTasksByProject`, left-joined to `p`), so that the count, the "hide projects without
 * open work" filter and the "available" order read it once per project row. Without the
 * `offset 0` the planner would pull the subquery up and copy its expression (with the probe of
 * the unfolded changes) into each of the three places.
 */
const tasksAvailableJoin = sql`cross join lateral (
  select (${openTasksSql('p')} - coalesce(m.n, 0))::int as n offset 0) avail`;
const tasksAvailable = sql<number>`avail.n`;

/**
 * Cents per hour at the median work time, null without an estimate: the expression of
 * projects_feed_hourly_idx, which the hourly order walks and a minimum bounds.
 */
const hourlyCents = sql<number | null>`(p.reward_cents * 3600 / p.work_seconds_median)`;

/**
 * Requirement `r` (jsonb) names a type with a qualification test, which a worker can pass to meet
 * it: the feed offers such a project with a "take the test" action. A requirement that the worker
 * not hold the type is not met by passing.
 */
const metByATest = (r: RawBuilder<unknown>) => sql<boolean>`(${r}->>'comparator' <> 'DoesNotExist'
  and exists (select 1 from qualification_tests qt
    where qt.type_id = (${r}->>'qualificationTypeId')::uuid))`;

export function createFeedRepository(db: Db) {
  return {
    /**
     * Published, unexpired projects of other users whose requirements the worker meets (a running
     * pilot only while it has room for them, or they took its work already), of requesters who have
     * not blocked them, with at least one open task the worker has not had; each with the open
     * tasks left for this worker and the quartiles of its work time. `values` are the worker's
     * qualification values by type id; `minHourlyCents` leaves out projects paying less at the
     * median work time (and those without an estimate). Newest, reward and hourly orders walk
     * their indexes (projects_feed_*_idx) and stop at the page, and so does "available" (see
     * below). One statement: the counts are taken for the page only.
     */
    async candidates(args: {
      workerId: string;
      values: Record<string, number | string>;
      now: Date;
      q?: string | undefined;
      minHourlyCents?: number | undefined;
      sort: FeedSort;
      offset: number;
      limit: number;
      onlyProjectId?: string;
      ratings: RatingCircle;
    }): Promise<FeedRow[]> {
      const { ratings } = args;
      const uuids = (ids: string[]) => sql`${ids}::uuid[]`;
      // Projects of requesters the worker rated up first, rated down last (DESIGN §10): three
      // tiers, each in the sort order. A worker who rated nobody has one tier, everyone.
      const rated = ratings.iRatedUp.length + ratings.iRatedDown.length > 0;
      const pattern = args.q ? `%${args.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
      const values = sql`${JSON.stringify(args.values)}::jsonb`;
      const pageOrder = {
        newest: sql`p.published_at desc nulls last, p.id desc`,
        reward: sql`p.reward_cents desc, p.published_at desc nulls last, p.id desc`,
        available: sql`${tasksAvailable} desc, p.published_at desc nulls last, p.id desc`,
        hourly: sql`${hourlyCents} desc nulls last, p.published_at desc nulls last, p.id desc`,
      }[args.sort];
      const order = {
        newest: sql`published_at desc nulls last, id desc`,
        reward: sql`reward_cents desc, published_at desc nulls last, id desc`,
        available: sql`tasks_available desc, published_at desc nulls last, id desc`,
        hourly: sql`hourly_cents desc nulls last, published_at desc nulls last, id desc`,
      }[args.sort];
      // Who may take work here now, for project `p` with its requester `u`.
      const eligible = sql`p.status = 'published' and p.expires_at > ${args.now}
        and p.owner_id <> ${args.workerId}
        ${args.onlyProjectId ? sql`and p.id = ${args.onlyProjectId}` : sql``}
        ${
          pattern
            ? sql`and (p.title ilike ${pattern} or p.description ilike ${pattern}
                  or array_to_string(p.keywords, ' ') ilike ${pattern} or u.display_name ilike ${pattern})`
            : sql``
        }
        ${args.minHourlyCents === undefined ? sql`` : sql`and ${hourlyCents} >= ${args.minHourlyCents}`}
        and not exists (
          select 1 from blocks b where b.requester_id = p.owner_id and b.worker_id = ${args.workerId})
        and not exists (select 1 from stopped s where s.project_id = p.id)
        and (p.pilot_started_at is null or p.pilot_ended_at is not null
          or exists (select 1 from assignments pa
                     where pa.project_id = p.id and pa.worker_id = ${args.workerId} and pa.pilot)
          or (select count(distinct pa.worker_id) from assignments pa
              where pa.project_id = p.id and pa.pilot) < p.pilot_workers)
        ${
          ratings.ratedMeDown.length
            ? sql`and (p.include_rated_down or p.owner_id <> all(${uuids(ratings.ratedMeDown)}))`
            : sql``
        }
        and (p.early_access_minutes = 0
          or p.published_at + make_interval(mins => p.early_access_minutes) <= ${args.now}
          ${ratings.ratedMeUp.length ? sql`or p.owner_id = any(${uuids(ratings.ratedMeUp)})` : sql``})
        and not exists (
          select 1 from jsonb_array_elements(p.qualification_requirements) r
          where not ${requirementMetSql(sql`r`, values)} and not ${metByATest(sql`r`)})`;
      // "Most available" for this worker is a project's open tasks less the worker's own (`m`).
      // Outside `m`, and for projects with no open-task changes waiting for the fold, that is
      // the kept count, so a tier's page is among the first offset + limit of those projects in
      // projects_feed_available_idx order, or in `m` or among the projects with changes (a
      // handful each): walking the index that far replaces ordering every published project.
      const availableWalk = (inTier: RawBuilder<unknown>, depth: number) =>
        args.sort === 'available'
          ? sql`and p.id in (
              select w.id from (
                select p.id from projects p join users u on u.id = p.owner_id
                where ${eligible} and ${inTier} and p.open_tasks > 0
                  and not exists (select 1 from m where m.project_id = p.id)
                  and not exists (select 1 from project_open_task_changes c
                                  where c.project_id = p.id)
                order by p.open_tasks desc, p.published_at desc nulls last, p.id desc
                limit ${depth}) w
              union all
              select m.project_id from m
              union all
              ${projectsWithChangesSql})`
          : sql``;
      /**
       * The projects of one tier (`inTier` on `p`), in the sort order, from `offset` for `limit`:
       * each tier's own walk of the sort's index, so a worker's ratings never make the feed
       * order every eligible project.
       */
      const tierPage = (
        tier: number,
        inTier: RawBuilder<unknown>,
        page: { offset: number; limit: number },
      ) => sql`(
          select ${tier}::int as tier, p.id, p.owner_id, p.title, p.description, p.keywords,
                 p.instructions, p.reward_cents, p.time_allotted_seconds, p.published_at,
                 p.expires_at, u.display_name as requester_name, u.handle as requester_handle,
                 ${tasksAvailable} as tasks_available, p.work_seconds_p25,
                 p.work_seconds_median, p.work_seconds_p75, p.work_samples, p.estimated_seconds,
                 ${hourlyCents} as hourly_cents, p.qualification_requirements
          from projects p
          join users u on u.id = p.owner_id
          left join m on m.project_id = p.id
          ${tasksAvailableJoin}
          where ${eligible} and ${inTier} and ${tasksAvailable} > 0
            ${availableWalk(inTier, args.offset + args.limit)}
          order by ${pageOrder}
          offset ${page.offset} limit ${page.limit})`;
      const everyone = sql`true`;
      // For the page's projects only: the tests that stand between the worker and the work.
      const testsToTake = sql`coalesce((
        select jsonb_agg(jsonb_build_object('qualificationTypeId', t.id, 'name', t.name)
                         order by t.name, t.id)
        from jsonb_array_elements(page.qualification_requirements) r
        join qualification_types t on t.id = (r->>'qualificationTypeId')::uuid
        where not ${requirementMetSql(sql`r`, values)} and ${metByATest(sql`r`)}
      ), '[]'::jsonb)`;
      /** The page's projects (`pageRows`, with their tier) with what the feed shows of each. */
      const withDetails = (pageRows: RawBuilder<unknown>) => sql<FeedRow>`
        with m as (${workerOpenTasksByProject(args.workerId)}),
             stopped as (${workerStoppedProjects(args.workerId)})
        select page.*, ${testsToTake} as tests_to_take,
               (select to_jsonb(ur) from user_reputation ur where ur.user_id = page.owner_id)
                 as requester_reputation
        from ${pageRows} page
        order by page.tier, ${order}`;
      // Only the first page of the newest, best-paid or best-paid-per-hour projects (without a
      // minimum hourly pay, which may skip many of them) is sure to be a short walk of
      // an index: PostgreSQL's generic plan is that walk, and with named statements
      // (DATABASE_PREPARED_STATEMENTS=on) choosing it saves re-planning this statement on every
      // request (~2 ms of ~4.5); unnamed, it is planned once per request either way. The other
      // pages may look at every published project (a rare search word, a deep page), so they
      // are planned for their own values, and without JIT: PostgreSQL estimates such plans past
      // its jit_above_cost, and compiling one took 60–900 ms for a query that runs in tens. A
      // worker who rated requesters gets the same generic plan: the middle tier walks the same
      // index, and the rated tiers read their few requesters' published, unexpired projects
      // through projects_feed_owner_idx (docs/performance.md).
      const walksAnIndex =
        !pattern &&
        args.minHourlyCents === undefined &&
        args.sort !== 'available' &&
        args.offset === 0;
      const settings = walksAnIndex
        ? sql`select set_config('plan_cache_mode', 'force_generic_plan', true)`
        : sql`select set_config('jit', 'off', true),
                     set_config('plan_cache_mode', 'force_custom_plan', true)`;
      return db.transaction().execute(async (trx) => {
        await settings.execute(trx);
        const run = async (pageRows: RawBuilder<unknown>) =>
          (await withDetails(pageRows).execute(trx)).rows;
        if (!rated) return run(tierPage(1, everyone, args));
        // Projects of requesters the worker rated up first, then everyone else's, then the rated
        // down (DESIGN §10). The page is within the first offset + limit projects of each tier, so
        // each tier is read that far, on its own walk, and the union ordered. The rated-down
        // tier comes into play only once the other two run out, which is seldom: it is read by a
        // second statement then, instead of weighing on every request (a tier in the statement
        // costs the worker's every request, even unread: docs/performance.md).
        const up = uuids(ratings.iRatedUp);
        const down = uuids(ratings.iRatedDown);
        const depth = { offset: 0, limit: args.offset + args.limit };
        const before = (page: { offset: number; limit: number }) => sql`(
            select * from (
              ${ratings.iRatedUp.length ? sql`${tierPage(0, sql`p.owner_id = any(${up})`, depth)} union all` : sql``}
              ${tierPage(1, sql`p.owner_id <> all(${up}) and p.owner_id <> all(${down})`, depth)}
            ) tiers
            order by tier, ${order}
            offset ${page.offset} limit ${page.limit})`;
        const page = await run(before(args));
        if (page.length === args.limit || ratings.iRatedDown.length === 0) return page;
        // Short, so the tiers before ran out: the rated-down projects follow them, from their
        // first when the page holds the last of the others, else from as far past those as the
        // page starts (counted by reading them again: a worker paging beyond all other work).
        const skip =
          page.length || args.offset === 0 ? 0 : args.offset - (await run(before(depth))).length;
        const rest = await run(
          tierPage(2, sql`p.owner_id = any(${down})`, {
            offset: skip,
            limit: args.limit - page.length,
          }),
        );
        return [...page, ...rest];
      });
    },

    /**
     * What a worker's qualification values come from, in one round trip: their grants (by type
     * id), how many of their assignments were approved and rejected, and their country; and the
     * ratings between them and requesters, which steer their feed.
     */
    async workerFacts(workerId: string): Promise<{
      grants: Record<string, number>;
      approved: number;
      rejected: number;
      country: string | null;
      ratings: RatingCircle;
    }> {
      const result = await sql<{
        grants: Record<string, number>;
        approved: number;
        rejected: number;
        country: string | null;
        i_rated_up: string[];
        i_rated_down: string[];
        rated_me_up: string[];
        rated_me_down: string[];
      }>`
        select
          (select coalesce(jsonb_object_agg(g.type_id, g.value), '{}'::jsonb)
            from qualification_grants g where g.worker_id = ${workerId}) as grants,
          (select count(*) from assignments a
            where a.worker_id = ${workerId} and a.status = 'approved')::int as approved,
          (select count(*) from assignments a
            where a.worker_id = ${workerId} and a.status = 'rejected')::int as rejected,
          (select u.country from users u where u.id = ${workerId}) as country,
          array(select ratee_id from ratings where rater_id = ${workerId} and value = 1)
            as i_rated_up,
          array(select ratee_id from ratings where rater_id = ${workerId} and value = -1)
            as i_rated_down,
          array(select rater_id from ratings where ratee_id = ${workerId} and value = 1)
            as rated_me_up,
          array(select rater_id from ratings where ratee_id = ${workerId} and value = -1)
            as rated_me_down`.execute(db);
      const row = result.rows[0];
      return {
        grants: row?.grants ?? {},
        approved: Number(row?.approved ?? 0),
        rejected: Number(row?.rejected ?? 0),
        country: row?.country ?? null,
        ratings: {
          iRatedUp: row?.i_rated_up ?? [],
          iRatedDown: row?.i_rated_down ?? [],
          ratedMeUp: row?.rated_me_up ?? [],
          ratedMeDown: row?.rated_me_down ?? [],
        },
      };
    },
  };
}

export type FeedRepository = ReturnType<typeof createFeedRepository>;
