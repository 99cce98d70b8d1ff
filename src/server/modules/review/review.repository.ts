import { sql, type RawBuilder } from 'kysely';
import { assignmentColumns } from '../../db/assignment-columns.js';
import { effectiveStatusIn, effectiveStatusSql } from '../../db/assignment-status.js';
import type { Db } from '../../db/database.js';
import { workerGoldRecord } from '../../db/gold-record.js';
import { hourlyPayColumns } from '../../db/hourly-pay-columns.js';
import { newestFirstPage, type KeysetRequest } from '../../db/pagination.js';
import { projectHeading } from '../../db/project-heading.js';
import type { AssignmentStatus } from '../../db/types.js';

const reviewColumns = [
  ...assignmentColumns,
  'a.auto_approve_at',
  'p.owner_id',
  't.data as task_data',
  't.row_number',
  't.number as task_number',
  't.batch_id',
  'u.handle as worker_handle',
  'u.display_name as worker_name',
] as const;

/** Which submitted assignments a review statement takes. */
export type Selection = {
  ids?: readonly string[] | undefined;
  projectId?: string | undefined;
  /** Only work submitted at or before this time. */
  submittedBefore?: Date | undefined;
  /** Only work whose review window closed by this time (the auto-approval sweep). */
  autoApproveDueBy?: Date | undefined;
  limit: number;
  /** Pass over rows another transaction holds (sweeps) instead of waiting for them. */
  skipLocked?: boolean;
};

/** What a state change returns: enough to move the money and tell the worker. */
export type ChangedAssignment = {
  id: string;
  task_id: string;
  project_id: string;
  worker_id: string;
  reward_cents: number;
  work_seconds: number | null;
  owner_id: string;
  project_title: string;
  time_allotted_seconds: number;
  /** The project's pay floor at publish and what each slot holds for top-ups (0: none). */
  pay_floor_cents: number;
  top_up_reserve_cents: number;
};

/** What a ChangedAssignment reads of its project `p`. */
const changedProjectColumns = sql`p.owner_id, p.title as project_title, p.time_allotted_seconds,
  p.pay_floor_cents, p.top_up_reserve_cents`;

function selectionWhere(s: Selection): RawBuilder<unknown> {
  const parts = [sql`status = 'submitted'`];
  if (s.ids) parts.push(sql`id in (${sql.join(s.ids)})`);
  if (s.projectId) parts.push(sql`project_id = ${s.projectId}`);
  if (s.submittedBefore) parts.push(sql`submitted_at <= ${s.submittedBefore}`);
  if (s.autoApproveDueBy) parts.push(sql`auto_approve_at <= ${s.autoApproveDueBy}`);
  return sql.join(parts, sql` and `);
}

export function createReviewRepository(db: Db) {
  function reviewQuery(trx: Db) {
    const gold = workerGoldRecord(sql.ref('a.project_id'), sql.ref('a.worker_id'));
    return trx
      .selectFrom('assignments as a')
      .innerJoin('projects as p', 'p.id', 'a.project_id')
      .innerJoin('tasks as t', 't.id', 'a.task_id')
      .innerJoin('users as u', 'u.id', 'a.worker_id')
      .select(reviewColumns)
      .select([
        // The project's quality rules and this worker's gold record in it, for review's flags.
        'p.min_work_seconds',
        'p.min_gold_accuracy_percent',
        'p.min_gold_answered',
        gold.answered.as('worker_gold_answered'),
        gold.correct.as('worker_gold_correct'),
      ]);
  }

  return {
    async findForReview(id: string, trx: Db = db) {
      return reviewQuery(trx)
        .select(['p.instructions', 'p.template', 'p.time_allotted_seconds', ...hourlyPayColumns])
        .where('a.id', '=', id)
        .executeTakeFirst();
    },

    async findProject(projectId: string, trx: Db = db) {
      return trx
        .selectFrom('projects')
        .select([...projectHeading, 'expires_at'])
        .where('id', '=', projectId)
        .executeTakeFirst();
    },

    /**
     * Reads the project under a lock that only a status change (cancel, completion) conflicts
     * with, so a review that depends on whether the project is open cannot interleave with one.
     */
    async lockProjectShared(trx: Db, projectId: string) {
      return trx
        .selectFrom('projects')
        .select([...projectHeading, 'expires_at', 'rejected_slot_reopens'])
        .where('id', '=', projectId)
        .forKeyShare()
        .executeTakeFirstOrThrow();
    },

    async listForProject(
      projectId: string,
      filter: KeysetRequest & {
        status?: AssignmentStatus | undefined;
        batchId?: string | undefined;
        workerId?: string | undefined;
        now: Date;
      },
      trx: Db = db,
    ) {
      let query = reviewQuery(trx).where('a.project_id', '=', projectId);
      if (filter.status) query = query.where(effectiveStatusIn([filter.status], filter.now, 'a'));
      if (filter.batchId) query = query.where('t.batch_id', '=', filter.batchId);
      if (filter.workerId) query = query.where('a.worker_id', '=', filter.workerId);
      return newestFirstPage(query, ['a.accepted_at', 'a.id'], filter).execute();
    },

    async countsForProject(projectId: string, now: Date, trx: Db = db) {
      const { rows } = await sql<{ status: AssignmentStatus; n: number }>`
        select ${effectiveStatusSql(now)} as status,
               count(*)::int as n
        from assignments where project_id = ${projectId}
        group by 1`.execute(trx);
      return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
    },

    /** The statuses of listed ids within one project (for a bulk review's report). */
    async statusesOf(projectId: string, ids: readonly string[], trx: Db = db) {
      if (!ids.length) return [];
      return trx
        .selectFrom('assignments')
        .select(['id', 'status', 'deadline'])
        .where('project_id', '=', projectId)
        .where('id', 'in', ids)
        .execute();
    },

    /**
     * submitted → approved for the selected rows, in one statement: a row another transaction
     * approved or rejected first no longer matches, so nothing is ever approved twice.
     */
    async approve(
      trx: Db,
      s: Selection & { now: Date; reviewerId: string | null; feedback: string | null },
    ): Promise<ChangedAssignment[]> {
      const lock = s.skipLocked ? sql`for update skip locked` : sql`for update`;
      const order = s.autoApproveDueBy ? sql`auto_approve_at, id` : sql`id`;
      const { rows } = await sql<ChangedAssignment>`
        with picked as (
          select id from assignments where ${selectionWhere(s)}
          order by ${order} limit ${s.limit} ${lock}
        ), changed as (
          update assignments a set status = 'approved', reviewed_at = ${s.now},
            reviewed_by = ${s.reviewerId}, feedback = ${s.feedback}, updated_at = ${s.now}
          from picked where a.id = picked.id and a.status = 'submitted'
          returning a.id, a.task_id, a.project_id, a.worker_id, a.reward_cents, a.work_seconds
        )
        select c.*, ${changedProjectColumns}
        from changed c join projects p on p.id = c.project_id`.execute(trx);
      return rows;
    },

    /**
     * submitted → rejected for the selected rows whose review window is still open, in one
     * statement. Their slots go back to the pool when `slotReopens`; otherwise each is consumed
     * (the task offers one slot fewer), as MTurk does.
     */
    async reject(
      trx: Db,
      s: Selection & { now: Date; reviewerId: string; reason: string; slotReopens: boolean },
    ): Promise<ChangedAssignment[]> {
      const consumed = s.slotReopens ? sql`0` : sql`c.n`;
      const { rows } = await sql<ChangedAssignment>`
        with picked as (
          select id from assignments where ${selectionWhere(s)} and auto_approve_at > ${s.now}
          order by id limit ${s.limit} for update
        ), changed as (
          update assignments a set status = 'rejected', reviewed_at = ${s.now},
            reviewed_by = ${s.reviewerId}, feedback = ${s.reason}, updated_at = ${s.now}
          from picked where a.id = picked.id and a.status = 'submitted' and a.auto_approve_at > ${s.now}
          returning a.id, a.task_id, a.project_id, a.worker_id, a.reward_cents, a.work_seconds
        ), freed as (
          update tasks t set live_assignments = t.live_assignments - c.n,
            assignments_per_task = t.assignments_per_task - ${consumed}
          from (select task_id, count(*)::int as n from changed group by task_id) c
          where t.id = c.task_id
          returning t.id
        )
        select c.*, ${changedProjectColumns}
        from changed c join projects p on p.id = c.project_id`.execute(trx);
      return rows;
    },

    /**
     * rejected → approved (while the reversal window is open, when `submittedAfter` says where it
     * starts; an appeal's overturn has none). The assignment takes a free slot of
     * its task when `mayTakeSlot` and one is free; otherwise it holds none (and is paid from the
     * requester's available funds).
     */
    async reverseRejection(
      trx: Db,
      args: {
        id: string;
        now: Date;
        /** Null for the sweep's automatic overturn of an unanswered appeal. */
        reviewerId: string | null;
        feedback: string | null;
        submittedAfter?: Date | undefined;
        mayTakeSlot: boolean;
      },
    ): Promise<(ChangedAssignment & { holds_slot: boolean }) | undefined> {
      let update = trx
        .updateTable('assignments')
        .set({
          status: 'approved',
          holds_slot: false,
          reviewed_at: args.now,
          reviewed_by: args.reviewerId,
          feedback: args.feedback,
          updated_at: args.now,
        })
        .where('id', '=', args.id)
        .where('status', '=', 'rejected');
      if (args.submittedAfter) update = update.where('submitted_at', '>', args.submittedAfter);
      const changed = await update
        .returning(['id', 'task_id', 'project_id', 'worker_id', 'reward_cents', 'work_seconds'])
        .executeTakeFirst();
      if (!changed) return undefined;
      let holdsSlot = false;
      if (args.mayTakeSlot) {
        const slot = await trx
          .updateTable('tasks')
          .set((eb) => ({ live_assignments: eb('live_assignments', '+', 1) }))
          .where('id', '=', changed.task_id)
          .where(sql<boolean>`live_assignments < assignments_per_task`)
          .returning('id')
          .executeTakeFirst();
        if (slot) {
          holdsSlot = true;
          await trx
            .updateTable('assignments')
            .set({ holds_slot: true })
            .where('id', '=', changed.id)
            .execute();
        }
      }
      const project = await trx
        .selectFrom('projects')
        .select([
          'owner_id',
          'title as project_title',
          'time_allotted_seconds',
          'pay_floor_cents',
          'top_up_reserve_cents',
        ])
        .where('id', '=', changed.project_id)
        .executeTakeFirstOrThrow();
      return { ...changed, ...project, holds_slot: holdsSlot };
    },

    /** Records the top-ups paid with these approvals, for both sides to see. */
    async recordTopUps(trx: Db, topUps: readonly { id: string; cents: number }[]) {
      for (const t of topUps) {
        await trx
          .updateTable('assignments')
          .set({ top_up_cents: t.cents })
          .where('id', '=', t.id)
          .execute();
      }
    },

    async bonusesFor(assignmentIds: readonly string[], trx: Db = db) {
      if (!assignmentIds.length) return [];
      return trx
        .selectFrom('bonuses')
        .selectAll()
        .where('assignment_id', 'in', assignmentIds)
        .orderBy('created_at')
        .orderBy('id')
        .execute();
    },

    async findBonus(id: string, trx: Db = db) {
      return trx.selectFrom('bonuses').selectAll().where('id', '=', id).executeTakeFirst();
    },

    async insertBonus(
      trx: Db,
      values: {
        assignmentId: string;
        projectId: string;
        requesterId: string;
        workerId: string;
        amountCents: number;
        feeCents: number;
        reason: string;
        createdAt: Date;
      },
    ) {
      return trx
        .insertInto('bonuses')
        .values({
          assignment_id: values.assignmentId,
          project_id: values.projectId,
          requester_id: values.requesterId,
          worker_id: values.workerId,
          amount_cents: values.amountCents,
          fee_cents: values.feeCents,
          reason: values.reason,
          created_at: values.createdAt,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
    },

    async setBonusTransaction(trx: Db, bonusId: string, transactionId: string) {
      return trx
        .updateTable('bonuses')
        .set({ ledger_transaction_id: transactionId })
        .where('id', '=', bonusId)
        .returningAll()
        .executeTakeFirstOrThrow();
    },
  };
}

export type ReviewRepository = ReturnType<typeof createReviewRepository>;
export type ReviewRow = NonNullable<Awaited<ReturnType<ReviewRepository['findForReview']>>>;
export type ReviewListRow = Awaited<ReturnType<ReviewRepository['listForProject']>>[number];
export type BonusRow = Awaited<ReturnType<ReviewRepository['bonusesFor']>>[number];
