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

/** A worker's scored gold answers in a project, and the project's floor on them (DESIGN §9). */
export type GoldStanding = {
  answered: number;
  correct: number;
  minimumPercent: number;
  minAnswered: number;
};

/**
 * Whether the project's gold floor stops the worker: once they have answered `minAnswered` gold
 * tasks (and at least one), accuracy below `minimumPercent`; a minimum of 0 stops nobody. The
 * rule as accept applies it and review flags it; `belowGoldFloorSql` is the feed's spelling.
 */
export function belowGoldFloor(s: GoldStanding): boolean {
  return (
    s.minimumPercent > 0 &&
    s.answered > 0 &&
    s.answered >= s.minAnswered &&
    s.correct * 100 < s.minimumPercent * s.answered
  );
}

/** `belowGoldFloor` in SQL, over expressions (aggregates included); a test proves they agree. */
export function belowGoldFloorSql(s: {
  [K in keyof GoldStanding]: Expression<number> | RawBuilder<number>;
}): RawBuilder<boolean> {
  return sql<boolean>`(${s.minimumPercent} > 0 and ${s.answered} > 0
    and ${s.answered} >= ${s.minAnswered} and ${s.correct} * 100 < ${s.minimumPercent} * ${s.answered})`;
}
