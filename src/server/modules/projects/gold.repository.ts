import { sql } from 'kysely';
import { deletedAny } from '../../db/affected-rows.js';
import type { Db } from '../../db/database.js';
import { keyOrderPage } from '../../db/pagination.js';

/** One upload row's known answers, by its row number in the batch. */
export type GoldRow = {
  rowNumber: number;
  answers: Record<string, unknown>;
  explanation: string | null;
};

export function createGoldRepository(db: Db) {
  return {
    /** Makes the batch's rows with known answers gold, matched to their tasks by row number. */
    async insertForBatch(batchId: string, rows: readonly GoldRow[], trx: Db = db): Promise<void> {
      if (rows.length === 0) return;
      const json = JSON.stringify(
        rows.map((r) => ({ n: r.rowNumber, a: r.answers, e: r.explanation })),
      );
      await sql`
        insert into task_gold (task_id, project_id, answers, explanation)
        select t.id, t.project_id, g.a, g.e
        from jsonb_to_recordset(${json}::jsonb) as g(n int, a jsonb, e text)
        join tasks t on t.batch_id = ${batchId}::uuid and t.row_number = g.n`.execute(trx);
    },

    /** Every gold task's known answers in the project, by task id (aggregation's observed truth). */
    async answersByTask(projectId: string): Promise<Map<string, Record<string, unknown>>> {
      const rows = await db
        .selectFrom('task_gold')
        .select(['task_id', 'answers'])
        .where('project_id', '=', projectId)
        .execute();
      // Written only by insertForBatch/upsert, from answers checked against the template.
      return new Map(rows.map((r) => [r.task_id, r.answers as Record<string, unknown>]));
    },

    /** Which of these tasks are gold (the results export's `gold` column). */
    async goldTaskIds(taskIds: readonly string[]): Promise<Set<string>> {
      if (taskIds.length === 0) return new Set();
      const rows = await db
        .selectFrom('task_gold')
        .select('task_id')
        .where('task_id', 'in', taskIds)
        .execute();
      return new Set(rows.map((r) => r.task_id));
    },

    /**
     * The project's gold tasks with their known answers and how the submissions scored against
     * them did, in task order (one look-ahead row); `taskId` reads just that one.
     */
    async listForProject(
      projectId: string,
      page: { afterNumber?: number | undefined; limit: number; taskId?: string },
    ) {
      let query = db
        .selectFrom('task_gold as g')
        .innerJoin('tasks as t', 't.id', 'g.task_id')
        .select((eb) => [
          'g.task_id',
          't.number',
          't.data',
          'g.answers',
          'g.explanation',
          eb
            .selectFrom('assignments as a')
            .select(sql<number>`count(*)::int`.as('n'))
            .whereRef('a.task_id', '=', 'g.task_id')
            .where('a.gold_correct', 'is not', null)
            .as('answered'),
          eb
            .selectFrom('assignments as a')
            .select(sql<number>`count(*)::int`.as('n'))
            .whereRef('a.task_id', '=', 'g.task_id')
            .where('a.gold_correct', '=', true)
            .as('correct'),
        ])
        .where('g.project_id', '=', projectId);
      if (page.taskId !== undefined) query = query.where('g.task_id', '=', page.taskId);
      return keyOrderPage(query, 't.number', 'asc', {
        limit: page.limit,
        after: page.afterNumber,
      }).execute();
    },

    /** Sets (or replaces) one task's known answers. */
    async upsert(
      task: { id: string; projectId: string },
      gold: { answers: Record<string, unknown>; explanation: string | null },
      trx: Db = db,
    ) {
      return trx
        .insertInto('task_gold')
        .values({
          task_id: task.id,
          project_id: task.projectId,
          answers: JSON.stringify(gold.answers),
          explanation: gold.explanation,
        })
        .onConflict((oc) =>
          oc.column('task_id').doUpdateSet({
            answers: JSON.stringify(gold.answers),
            explanation: gold.explanation,
          }),
        )
        .returning(['task_id', 'answers', 'explanation'])
        .executeTakeFirstOrThrow();
    },

    /** Makes a task an ordinary one again; answers already scored keep their score. */
    async remove(taskId: string, trx: Db = db): Promise<boolean> {
      return deletedAny(trx.deleteFrom('task_gold').where('task_id', '=', taskId));
    },
  };
}

export type GoldRepository = ReturnType<typeof createGoldRepository>;
