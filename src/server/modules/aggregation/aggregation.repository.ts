import { sql } from 'kysely';
import type { AggregationMethod } from '../../../shared/api/aggregates.js';
import type { Db } from '../../db/database.js';
import { keyOrderPage } from '../../db/pagination.js';
import type { AggregateRow, WorkAnswers, WorkerEstimate } from './project-aggregates.js';

/** Rows per insert statement: well under PostgreSQL's 65,535 bind parameters. */
const INSERT_CHUNK = 2_000;

export function createAggregationRepository(db: Db) {
  return {
    async findOwnedProject(projectId: string, ownerId: string, trx: Db = db) {
      return trx
        .selectFrom('projects')
        .select(['id', 'template'])
        .where('id', '=', projectId)
        .where('owner_id', '=', ownerId)
        .executeTakeFirst();
    },

    async findProject(projectId: string, trx: Db = db) {
      return trx
        .selectFrom('projects')
        .select(['id', 'template'])
        .where('id', '=', projectId)
        .executeTakeFirst();
    },

    /**
     * Projects whose handed-in work changed after their last aggregation, changed no later than
     * `settledBefore` (so a burst of submissions is aggregated once, after it), and not leased.
     */
    async staleProjects(args: { now: Date; settledBefore: Date; limit: number }, trx: Db = db) {
      const result = await sql<{ id: string; answers_through: Date }>`
        select p.id, max(a.updated_at) as answers_through
        from projects p
        left join project_aggregations s on s.project_id = p.id
        join assignments a on a.project_id = p.id
          and a.updated_at > coalesce(s.answers_through, '-infinity'::timestamptz)
        where p.status in ('published', 'paused', 'completed')
          and (s.leased_until is null or s.leased_until < ${args.now})
          and a.status in ('submitted', 'approved', 'rejected')
        group by p.id
        having max(a.updated_at) <= ${args.settledBefore}
        limit ${args.limit}`.execute(trx);
      return result.rows;
    },

    /** Takes the project's lease; false when another instance holds it. */
    async lease(projectId: string, now: Date, until: Date, trx: Db = db): Promise<boolean> {
      const result = await sql`
        insert into project_aggregations (project_id, answers_through, computed_at, leased_until)
        values (${projectId}, '-infinity', ${now}, ${until})
        on conflict (project_id) do update set leased_until = excluded.leased_until
        where project_aggregations.leased_until is null
          or project_aggregations.leased_until < ${now}`.execute(trx);
      return Number(result.numAffectedRows ?? 0) === 1;
    },

    /** The project's handed-in answers (approved, submitted or rejected alike). */
    async handedInWork(projectId: string, trx: Db = db): Promise<WorkAnswers[]> {
      const rows = await trx
        .selectFrom('assignments as a')
        .innerJoin('tasks as t', 't.id', 'a.task_id')
        .select(['a.task_id', 't.seq', 'a.worker_id', 'a.answers'])
        .where('a.project_id', '=', projectId)
        .where('a.status', 'in', ['submitted', 'approved', 'rejected'])
        .orderBy('t.seq')
        .orderBy('a.id')
        .execute();
      return rows.map((r) => ({
        taskId: r.task_id,
        taskSeq: Number(r.seq),
        workerId: r.worker_id,
        answers: r.answers ?? {},
      }));
    },

    /** Replaces the project's aggregates and estimates at once, and records what they cover. */
    async replace(
      args: {
        projectId: string;
        rows: AggregateRow[];
        workers: WorkerEstimate[];
        answersThrough: Date;
        now: Date;
      },
      trx: Db = db,
    ): Promise<void> {
      const { projectId } = args;
      await trx.transaction().execute(async (tx) => {
        await tx.deleteFrom('task_aggregates').where('project_id', '=', projectId).execute();
        await tx.deleteFrom('worker_estimates').where('project_id', '=', projectId).execute();
        for (let i = 0; i < args.rows.length; i += INSERT_CHUNK) {
          await tx
            .insertInto('task_aggregates')
            .values(
              args.rows.slice(i, i + INSERT_CHUNK).map((r) => ({
                task_id: r.taskId,
                item: r.item,
                method: r.method,
                project_id: projectId,
                position: r.position,
                answer: r.answer,
                confidence: r.confidence,
                votes: JSON.stringify(r.votes),
              })),
            )
            .execute();
        }
        for (let i = 0; i < args.workers.length; i += INSERT_CHUNK) {
          await tx
            .insertInto('worker_estimates')
            .values(
              args.workers.slice(i, i + INSERT_CHUNK).map((w) => ({
                project_id: projectId,
                worker_id: w.workerId,
                agreement_percent: w.agreementPercent,
                estimated_accuracy: w.estimatedAccuracy,
                gold_answered: w.goldAnswered,
                gold_correct: w.goldCorrect,
              })),
            )
            .execute();
        }
        await tx
          .updateTable('project_aggregations')
          .set({ answers_through: args.answersThrough, computed_at: args.now, leased_until: null })
          .where('project_id', '=', projectId)
          .execute();
      });
    },

    async releaseLease(projectId: string, trx: Db = db): Promise<void> {
      await trx
        .updateTable('project_aggregations')
        .set({ leased_until: null })
        .where('project_id', '=', projectId)
        .execute();
    },

    async computedAt(projectId: string, trx: Db = db): Promise<Date | null> {
      const row = await trx
        .selectFrom('project_aggregations')
        .select('computed_at')
        .where('project_id', '=', projectId)
        .where('answers_through', '>', sql<Date>`'-infinity'::timestamptz`)
        .executeTakeFirst();
      return row?.computed_at ?? null;
    },

    /** A page of aggregates in task order, after keyset position `after`. */
    async page(
      args: {
        projectId: string;
        method: AggregationMethod;
        confidenceBelow: number | undefined;
        after: number | undefined;
        limit: number;
      },
      trx: Db = db,
    ) {
      let query = trx
        .selectFrom('task_aggregates as g')
        .innerJoin('tasks as t', 't.id', 'g.task_id')
        .select([
          'g.task_id',
          't.number',
          'g.item',
          'g.answer',
          'g.confidence',
          'g.votes',
          'g.position',
        ])
        .where('g.project_id', '=', args.projectId)
        .where('g.method', '=', args.method);
      if (args.confidenceBelow !== undefined)
        query = query.where('g.confidence', '<', args.confidenceBelow);
      return keyOrderPage(query, 'g.position', 'asc', args).execute();
    },

    /** The handed-in answers to these tasks, with who gave them (an aggregates page's voters). */
    async answersOfTasks(projectId: string, taskIds: readonly string[], trx: Db = db) {
      if (taskIds.length === 0) return [];
      return trx
        .selectFrom('assignments as a')
        .innerJoin('users as u', 'u.id', 'a.worker_id')
        .select(['a.task_id', 'a.worker_id', 'u.display_name', 'a.answers'])
        .where('a.project_id', '=', projectId)
        .where('a.task_id', 'in', taskIds)
        .where('a.status', 'in', ['submitted', 'approved', 'rejected'])
        .orderBy('a.submitted_at')
        .orderBy('a.id')
        .execute();
    },

    /** The aggregates of some of the project's tasks by one method (an export's page). */
    async ofTasks(
      projectId: string,
      taskIds: readonly string[],
      method: AggregationMethod,
      trx: Db = db,
    ) {
      if (taskIds.length === 0) return [];
      return trx
        .selectFrom('task_aggregates')
        .select(['task_id', 'item', 'answer', 'confidence'])
        .where('project_id', '=', projectId)
        .where('method', '=', method)
        .where('task_id', 'in', taskIds)
        .execute();
    },

    /** Per worker who handed in work: counts, median work time and the last estimates. */
    async workerQuality(projectId: string, trx: Db = db) {
      const result = await sql<{
        worker_id: string;
        handle: string;
        display_name: string;
        submitted: number;
        approved: number;
        rejected: number;
        median_work_seconds: number | null;
        agreement_percent: number | null;
        estimated_accuracy: number | null;
        gold_answered: number | null;
        gold_correct: number | null;
        latest_assignment_id: string;
      }>`
        select a.worker_id, u.handle, u.display_name,
          count(*)::int as submitted,
          (count(*) filter (where a.status = 'approved'))::int as approved,
          (count(*) filter (where a.status = 'rejected'))::int as rejected,
          percentile_cont(0.5) within group (
            order by extract(epoch from a.submitted_at - a.accepted_at))::float8 as median_work_seconds,
          e.agreement_percent, e.estimated_accuracy, e.gold_answered, e.gold_correct,
          (array_agg(a.id order by a.submitted_at desc, a.id desc))[1] as latest_assignment_id
        from assignments a
        join users u on u.id = a.worker_id
        left join worker_estimates e on e.project_id = a.project_id and e.worker_id = a.worker_id
        where a.project_id = ${projectId} and a.status in ('submitted', 'approved', 'rejected')
        group by a.worker_id, u.handle, u.display_name, e.agreement_percent, e.estimated_accuracy,
          e.gold_answered, e.gold_correct
        order by count(*) desc, a.worker_id`.execute(trx);
      return result.rows;
    },
  };
}

export type AggregationRepository = ReturnType<typeof createAggregationRepository>;
