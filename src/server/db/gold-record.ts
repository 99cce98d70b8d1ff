import { sql, type Expression, type RawBuilder } from 'kysely';

/**
 * A worker's scored gold answers in one project (DESIGN §9): how many were scored and how many
 * were right, read where a project's accuracy floor is applied (accept) and shown (review). Two
 * scalar subqueries along assignments' (project, worker) index, as each reader selects them.
 */
export function workerGoldRecord(
  projectId: Expression<string> | string,
  workerId: Expression<string> | string,
): { answered: RawBuilder<number>; correct: RawBuilder<number> } {
  const scored = (which: RawBuilder<unknown>) => sql<number>`(
    select count(*)::int from assignments ga
    where ga.project_id = ${projectId} and ga.worker_id = ${workerId} and ${which})`;
  return {
    answered: scored(sql`ga.gold_correct is not null`),
    correct: scored(sql`ga.gold_correct = true`),
  };
}
