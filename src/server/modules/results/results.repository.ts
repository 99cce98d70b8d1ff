import { sql } from 'kysely';
import { effectiveStatusIn, effectiveStatusSql } from '../../db/assignment-status.js';
import type { Db } from '../../db/database.js';
import type { AssignmentStatus } from '../../db/types.js';

export type ResultsFilter = {
  projectId: string;
  statuses: readonly AssignmentStatus[];
  batchId?: string | undefined;
  /** Accepted work past its deadline reads as expired. */
  now: Date;
};

export type ResultRow = {
  seq: number;
  assignment_id: string;
  task_id: string;
  batch_id: string;
  row_number: number;
  number: number;
  data: Record<string, unknown>;
  worker_id: string;
  status: AssignmentStatus;
  accepted_at: Date;
  submitted_at: Date | null;
  reviewed_at: Date | null;
  feedback: string | null;
  answers: Record<string, unknown> | null;
  /** Set when a gold task's answer was scored on submit. */
  gold_correct: boolean | null;
};

function statusMatches({ statuses, now }: ResultsFilter) {
  return effectiveStatusIn(statuses, now, 'a');
}

function inProject(filter: ResultsFilter) {
  const batch = filter.batchId ? sql`and t.batch_id = ${filter.batchId}` : sql``;
  return sql`t.project_id = ${filter.projectId} ${batch}`;
}

export function createResultsRepository(db: Db) {
  return {
    async findOwnedProject(projectId: string, ownerId: string, trx: Db = db) {
      return trx
        .selectFrom('projects')
        .select(['id', 'title', 'template', 'assignments_per_task'])
        .where('id', '=', projectId)
        .where('owner_id', '=', ownerId)
        .executeTakeFirst();
    },

    /** The columns of the project's uploads (or of one upload), oldest upload first. */
    async batchColumns(projectId: string, batchId: string | undefined, trx: Db = db) {
      let query = trx
        .selectFrom('batches')
        .select(['id', 'columns'])
        .where('project_id', '=', projectId)
        .orderBy('created_at')
        .orderBy('id');
      if (batchId) query = query.where('id', '=', batchId);
      return query.execute();
    },

    /** Every answer key among the matching rows (HTML templates name their fields freely). */
    async answerKeys(filter: ResultsFilter, limit: number, trx: Db = db): Promise<string[]> {
      const result = await sql<{ key: string }>`
        select distinct k.key from tasks t
        join assignments a on a.task_id = t.id
        cross join lateral jsonb_object_keys(coalesce(a.answers, '{}'::jsonb)) as k(key)
        where ${inProject(filter)} and ${statusMatches(filter)}
        order by k.key
        limit ${limit}`.execute(trx);
      return result.rows.map((row) => row.key);
    },

    /**
     * Where a page of `tasks` tasks after `afterSeq` ends: the last one's `seq`, or undefined
     * when fewer remain. An index-only walk of (project_id, seq).
     */
    async taskPageEnd(
      filter: ResultsFilter,
      afterSeq: number,
      tasks: number,
      trx: Db = db,
    ): Promise<number | undefined> {
      const result = await sql<{ seq: number }>`
        select t.seq from tasks t
        where ${inProject(filter)} and t.seq > ${afterSeq}
        order by t.seq
        offset ${tasks - 1} limit 1`.execute(trx);
      return result.rows[0]?.seq;
    },

    /**
     * The matching assignments of the tasks in (afterSeq, throughSeq], in task upload order:
     * a bounded range of the tasks index, then each task's assignments by their task index.
     * `offset 0` keeps the lateral subquery from being flattened into a plain join, which the
     * planner may turn into a scan of every assignment per page (quadratic over an export).
     */
    async rowsOfTasks(
      filter: ResultsFilter,
      afterSeq: number,
      throughSeq: number | undefined,
      trx: Db = db,
    ): Promise<ResultRow[]> {
      const upTo = throughSeq === undefined ? sql`` : sql`and t.seq <= ${throughSeq}`;
      const result = await sql<ResultRow>`
        select t.seq, a.id as assignment_id, t.id as task_id, t.batch_id, t.row_number, t.number,
          t.data,
          a.worker_id, a.status, a.accepted_at, a.submitted_at, a.reviewed_at, a.feedback,
          a.answers, a.gold_correct
        from tasks t
        cross join lateral (
          select a.id, a.worker_id, ${effectiveStatusSql(filter.now, 'a')} as status, a.accepted_at,
            a.submitted_at, a.reviewed_at, a.feedback, a.answers, a.gold_correct
          from assignments a
          where a.task_id = t.id and ${statusMatches(filter)}
          offset 0
        ) a
        where ${inProject(filter)} and t.seq > ${afterSeq} ${upTo}
        order by t.seq, a.id`.execute(trx);
      return result.rows;
    },
  };
}

export type ResultsRepository = ReturnType<typeof createResultsRepository>;
