import { sql, type SqlBool } from 'kysely';
import { updatedAny } from '../../db/affected-rows.js';
import { assignmentColumns } from '../../db/assignment-columns.js';
import { effectiveStatusIn, effectiveStatusSql, overdueSql } from '../../db/assignment-status.js';
import type { Db } from '../../db/database.js';
import { workerGoldRecord } from '../../db/gold-record.js';
import { hourlyPayColumns } from '../../db/hourly-pay-columns.js';
import { foldOpenTaskChanges } from '../../db/open-tasks.js';
import { newestFirstPage, type KeysetRequest } from '../../db/pagination.js';
import type { AssignmentStatus } from '../../db/types.js';

/** A slot just taken: the assignment's own columns and its task's data. */
export type ClaimedAssignment = {
  id: string;
  task_id: string;
  reward_cents: number;
  accepted_at: Date;
  deadline: Date;
  task_data: Record<string, string>;
};

export function createWorkRepository(db: Db) {
  return {
    /** The project as a worker would take work from it, and whether its requester blocked them. */
    async findProject(projectId: string, workerId: string, trx: Db = db) {
      const gold = workerGoldRecord(projectId, workerId);
      return trx
        .selectFrom('projects as p')
        .innerJoin('users as u', 'u.id', 'p.owner_id')
        .select((eb) => [
          'p.id',
          'p.owner_id',
          'p.title',
          'p.description',
          'p.keywords',
          'p.instructions',
          'p.status',
          'p.reward_cents',
          'p.time_allotted_seconds',
          'p.auto_approve_seconds',
          'p.expires_at',
          'p.published_at',
          'p.template',
          'p.qualification_requirements',
          'u.display_name as requester_name',
          'u.handle as requester_handle',
          'p.min_gold_accuracy_percent',
          'p.min_gold_answered',
          'p.overlap_max',
          ...hourlyPayColumns,
          // This worker's scored gold answers here, for the accuracy floor.
          gold.answered.as('gold_answered'),
          gold.correct.as('gold_correct'),
          'p.early_access_minutes',
          'p.include_rated_down',
          // A running pilot (DESIGN §10): how many workers it takes, how many took pilot work,
          // and whether this worker is one of them.
          'p.pilot_workers',
          sql<boolean>`p.pilot_started_at is not null and p.pilot_ended_at is null`.as(
            'pilot_running',
          ),
          eb
            .selectFrom('assignments as pa')
            .select(sql<number>`count(distinct pa.worker_id)::int`.as('n'))
            .where('pa.project_id', '=', projectId)
            .where('pa.pilot', '=', true)
            .as('pilot_workers_joined'),
          eb
            .exists(
              eb
                .selectFrom('assignments as pa')
                .select('pa.id')
                .where('pa.project_id', '=', projectId)
                .where('pa.worker_id', '=', workerId)
                .where('pa.pilot', '=', true),
            )
            .as('pilot_joined'),
          // The requester's rating of this worker (DESIGN §10): who is offered the work first,
          // and who not at all.
          eb
            .selectFrom('ratings as r')
            .select('r.value')
            .whereRef('r.rater_id', '=', 'p.owner_id')
            .where('r.ratee_id', '=', workerId)
            .as('requester_rating'),
          eb
            .exists(
              eb
                .selectFrom('blocks as b')
                .select('b.worker_id')
                .whereRef('b.requester_id', '=', 'p.owner_id')
                .where('b.worker_id', '=', workerId),
            )
            .as('blocked'),
        ])
        .where('p.id', '=', projectId)
        .executeTakeFirst();
    },

    /**
     * Takes one free slot of the project's first open task that this worker has not had (a gold
     * task when one is due by the project's gold rate, else an ordinary one), and
     * records the assignment, in one statement (atomic without a transaction of its own). The
     * project is read under a key-share lock that only a status change (cancel, completion:
     * `FOR UPDATE`) conflicts with, so escrow is never returned for a slot being taken at the same
     * moment, while concurrent claims never wait for each other. `skipLocked` passes over tasks
     * another claim holds right now; without it the claim waits for them (used when every open
     * task was locked, so no slot is lost to a race). `open` is false when the project no longer
     * takes work, or never from this worker (their own project); `assignment` is missing when no
     * slot was free.
     */
    async claimNext(
      args: {
        projectId: string;
        workerId: string;
        now: Date;
        deadline: Date;
        skipLocked: boolean;
      },
      trx: Db = db,
    ): Promise<{ open: boolean; assignment?: ClaimedAssignment }> {
      const lock = args.skipLocked ? sql`for update skip locked` : sql`for update`;
      const result = await sql<{ open: boolean } & Partial<ClaimedAssignment>>`
        with open_project as materialized (
          select id from projects
          where id = ${args.projectId} and status = 'published' and expires_at > ${args.now}
            and owner_id <> ${args.workerId}
          for key share
        ), mix as (
          -- Gold is due when this worker's share of it is behind the project's rate by more than
          -- a per-worker offset in [0, 100): the long-run rate is goldPercent, but where in the
          -- stream the gold falls differs between workers, so the first task says nothing.
          select case when p.gold_percent = 0 then false else
                   p.gold_percent * (
                     (select count(*) from assignments a
                      where a.project_id = p.id and a.worker_id = ${args.workerId}) + 1)
                   - 100 * (select count(*) from assignments a join task_gold g on g.task_id = a.task_id
                            where a.project_id = p.id and a.worker_id = ${args.workerId})
                   > (hashtext(${args.workerId}::text || p.id::text) % 100 + 100) % 100
                 end as gold_due
          from projects p where p.id = ${args.projectId}
        ), gold_candidate as (
          select t.id from task_gold g join tasks t on t.id = g.task_id
          where g.project_id = ${args.projectId}
            and exists (select 1 from open_project)
            and t.live_assignments < t.assignments_per_task and t.cancelled_at is null
            and not exists (
              select 1 from assignments a where a.task_id = t.id and a.worker_id = ${args.workerId})
          order by t.seq
          limit 1
          ${lock}
        ), plain_candidate as (
          select t.id from tasks t
          where t.project_id = ${args.projectId}
            and exists (select 1 from open_project)
            and t.live_assignments < t.assignments_per_task and t.cancelled_at is null
            and not exists (
              select 1 from assignments a where a.task_id = t.id and a.worker_id = ${args.workerId})
            and not exists (select 1 from task_gold g where g.task_id = t.id)
          order by t.seq
          limit 1
          ${lock}
        ), candidate as (
          -- The kind that is due, else the other: gold runs out, or ordinary tasks do. No sort:
          -- an Append under LIMIT 1 reads its branches in order and stops at the first row, so
          -- a candidate (each locks the row it reads) is read only when the branches before it
          -- found nothing, and the claim locks just the task it takes (gold-claim.test.ts).
          select id from gold_candidate where (select gold_due from mix)
          union all (select id from plain_candidate)
          union all (select id from gold_candidate)
          limit 1
        ), claimed as (
          update tasks set live_assignments = tasks.live_assignments + 1
          from candidate
          where tasks.id = candidate.id and tasks.live_assignments < tasks.assignments_per_task
            and tasks.cancelled_at is null
          returning tasks.id, tasks.reward_cents, tasks.data
        ), inserted as (
          insert into assignments
            (task_id, project_id, worker_id, reward_cents, accepted_at, deadline, updated_at)
          select id, ${args.projectId}, ${args.workerId}, reward_cents, ${args.now}, ${args.deadline}, ${args.now}
          from claimed
          returning id, task_id, reward_cents, accepted_at, deadline
        )
        select exists (select 1 from open_project) as open,
               i.id, i.task_id, i.reward_cents, i.accepted_at, i.deadline, c.data as task_data
        from (select 1) one
        left join inserted i on true
        left join claimed c on c.id = i.task_id`.execute(trx);
      const row = result.rows[0];
      if (!row?.id) return { open: row?.open ?? false };
      const { open, ...assignment } = row;
      // The left join makes every column nullable; all are set once the inserted row's id is.
      return { open, assignment: assignment as ClaimedAssignment };
    },

    /**
     * Whether a running pilot takes this worker: with the project's pilot accepts serialised until
     * the end of the transaction (`trx`), so that the count of its workers cannot change between
     * this read and the claim, and the project held (key share) against the publish of the rest.
     * `running` is false once the pilot ended (or never ran); `seated` when the worker already
     * took pilot work here or a seat is free.
     */
    async pilotSeat(
      trx: Db,
      projectId: string,
      workerId: string,
    ): Promise<{ running: boolean; seated: boolean }> {
      await sql`select pg_advisory_xact_lock(hashtextextended(${`pilot:${projectId}`}, 0))`.execute(
        trx,
      );
      const { rows } = await sql<{ running: boolean; seated: boolean }>`
        select p.pilot_started_at is not null and p.pilot_ended_at is null as running,
               exists (select 1 from assignments a
                       where a.project_id = p.id and a.worker_id = ${workerId} and a.pilot)
               or (select count(distinct a.worker_id) from assignments a
                   where a.project_id = p.id and a.pilot) < p.pilot_workers as seated
        from projects p where p.id = ${projectId}
        for key share`.execute(trx);
      return { running: rows[0]?.running ?? false, seated: rows[0]?.seated ?? false };
    },

    /** Records that an assignment was taken during the project's pilot. */
    async markPilot(trx: Db, assignmentId: string): Promise<void> {
      await trx
        .updateTable('assignments')
        .set({ pilot: true })
        .where('id', '=', assignmentId)
        .execute();
    },

    /** The task this worker would be given next, if any (without reserving it). */
    async nextOpenTaskFor(projectId: string, workerId: string, trx: Db = db) {
      return trx
        .selectFrom('tasks as t')
        .select(['t.id', 't.data'])
        .where('t.project_id', '=', projectId)
        .where(sql<SqlBool>`t.live_assignments < t.assignments_per_task`)
        .where('t.cancelled_at', 'is', null)
        .where((eb) =>
          eb.not(
            eb.exists(
              eb
                .selectFrom('assignments as a')
                .select('a.id')
                .whereRef('a.task_id', '=', 't.id')
                .where('a.worker_id', '=', workerId),
            ),
          ),
        )
        .orderBy('t.seq')
        .limit(1)
        .executeTakeFirst();
    },

    /** Folds the open-task changes claims and releases appended into their projects' counts. */
    foldOpenTaskChanges: () => foldOpenTaskChanges(db),

    /**
     * Expires accepted work past its deadline and gives the slots back, in one statement, so an
     * expiry and its slot can never be separated. Safe to run from any number of places at once.
     * Returns what expired, with whom to tell. `waitForLocked` makes it wait for overdue work that
     * another expiry holds right now instead of skipping it: a worker's accept needs that
     * expiry's outcome, and must not conclude "no slot" before it commits.
     */
    async expireOverdue(
      args: { now: Date; projectId?: string; limit: number; waitForLocked?: boolean },
      trx: Db = db,
    ): Promise<{ id: string; project_id: string; worker_id: string; owner_id: string }[]> {
      const projectFilter = args.projectId ? sql`and project_id = ${args.projectId}` : sql``;
      const lock = args.waitForLocked ? sql`for update` : sql`for update skip locked`;
      const result = await sql<{
        id: string;
        project_id: string;
        worker_id: string;
        owner_id: string;
      }>`
        with due as (
          select id from assignments
          where ${overdueSql(args.now)} ${projectFilter}
          order by deadline, id
          limit ${args.limit}
          ${lock}
        ), expired as (
          update assignments a set status = 'expired', expired_at = a.deadline, updated_at = ${args.now}
          from due where a.id = due.id and a.status = 'accepted'
          returning a.id, a.task_id, a.project_id, a.worker_id
        ), freed as (
          update tasks t set live_assignments = t.live_assignments - c.n
          from (select task_id, count(*)::int as n from expired group by task_id) c
          where t.id = c.task_id
          returning t.id
        )
        select e.id, e.project_id, e.worker_id, p.owner_id
        from expired e join projects p on p.id = e.project_id`.execute(trx);
      return result.rows;
    },

    async findAssignment(id: string, trx: Db = db) {
      return trx
        .selectFrom('assignments as a')
        .innerJoin('projects as p', 'p.id', 'a.project_id')
        .innerJoin('tasks as t', 't.id', 'a.task_id')
        .select([
          ...assignmentColumns,
          'p.owner_id',
          'p.instructions',
          'p.template',
          'p.time_allotted_seconds',
          'p.auto_approve_seconds',
          'p.gold_feedback',
          'p.overlap_max',
          ...hourlyPayColumns,
          't.data as task_data',
          'a.gold_correct',
          'a.gold_results',
        ])
        .where('a.id', '=', id)
        .executeTakeFirst();
    },

    /** A task's known answers, when it is gold: read only to score a submission. */
    async findGold(taskId: string, trx: Db = db) {
      return (
        trx
          .selectFrom('task_gold')
          .select(['answers', 'explanation'])
          .where('task_id', '=', taskId)
          // Written by the batch import as an object keyed by item.
          .$castTo<{ answers: Record<string, unknown>; explanation: string | null }>()
          .executeTakeFirst()
      );
    },

    /** accepted → submitted, only while the deadline has not passed; one statement. */
    async submit(
      args: {
        id: string;
        workerId: string;
        answers: Record<string, unknown>;
        now: Date;
        autoApproveAt: Date;
        /** Per-item scores against the task's known answers; only for a gold task. */
        goldResults: Record<string, boolean> | null;
        workSeconds: number;
        activeSeconds: number | null;
        /** Pilot work's answer to "What was unclear?" (null: none). */
        pilotFeedback: string | null;
      },
      trx: Db = db,
    ): Promise<boolean> {
      return updatedAny(
        trx
          .updateTable('assignments')
          .set({
            status: 'submitted',
            answers: JSON.stringify(args.answers),
            submitted_at: args.now,
            auto_approve_at: args.autoApproveAt,
            updated_at: args.now,
            gold_results: args.goldResults === null ? null : JSON.stringify(args.goldResults),
            gold_correct:
              args.goldResults === null ? null : Object.values(args.goldResults).every(Boolean),
            work_seconds: args.workSeconds,
            active_seconds: args.activeSeconds,
            pilot_feedback: args.pilotFeedback,
          })
          .where('id', '=', args.id)
          .where('worker_id', '=', args.workerId)
          .where(effectiveStatusIn(['accepted'], args.now)),
      );
    },

    /** accepted → returned, and the slot goes back to the pool, in one statement. */
    async returnAssignment(
      trx: Db,
      args: { id: string; workerId: string; now: Date },
    ): Promise<boolean> {
      const result = await sql<{ n: number }>`
        with returned as (
          update assignments set status = 'returned', returned_at = ${args.now}, updated_at = ${args.now}
          where id = ${args.id} and worker_id = ${args.workerId} and ${effectiveStatusIn(['accepted'], args.now)}
          returning task_id
        ), freed as (
          update tasks set live_assignments = live_assignments - 1
          where id in (select task_id from returned)
          returning id
        )
        select (select count(*) from returned)::int as n`.execute(trx);
      return Number(result.rows[0]?.n ?? 0) > 0;
    },

    async listForWorker(
      workerId: string,
      filter: KeysetRequest & {
        status?: AssignmentStatus | undefined;
        projectId?: string | undefined;
        now: Date;
      },
      trx: Db = db,
    ) {
      let query = trx
        .selectFrom('assignments as a')
        .innerJoin('projects as p', 'p.id', 'a.project_id')
        .select(assignmentColumns)
        .where('a.worker_id', '=', workerId);
      const { status, now } = filter;
      if (status) query = query.where(effectiveStatusIn([status], now, 'a'));
      if (filter.projectId) query = query.where('a.project_id', '=', filter.projectId);
      return newestFirstPage(query, ['a.accepted_at', 'a.id'], filter).execute();
    },

    /** Sums and counts by the status a worker would see (overdue accepted work counts as expired). */
    async totalsForWorker(workerId: string, now: Date, trx: Db = db) {
      const rows = await sql<{ status: AssignmentStatus; n: number; cents: number }>`
        select ${effectiveStatusSql(now)} as status,
               count(*)::int as n, coalesce(sum(reward_cents), 0)::bigint as cents
        from assignments where worker_id = ${workerId}
        group by 1`.execute(trx);
      return rows.rows.map((r) => ({ status: r.status, n: Number(r.n), cents: Number(r.cents) }));
    },
  };
}

export type WorkRepository = ReturnType<typeof createWorkRepository>;
