import { sql, type RawBuilder } from 'kysely';
import type { Db } from './database.js';

/*
 * A project's open tasks (tasks with a slot a worker may take), the count the feed filters and
 * sorts by. Statements that update tasks — every claim among them — append their net change to
 * `project_open_task_changes` instead of updating the project's row, so that claims of one
 * project never wait for each other's commit (migration 20261213010000); `foldOpenTaskChanges`
 * moves those rows into `projects.open_tasks` every second. Until then the count is the column
 * plus the project's rows: every reader goes through this file, never through the column alone.
 */

/** SQL for the open tasks of the projects row `alias` (an integer). */
export function openTasksSql(alias: string): RawBuilder<number> {
  return sql<number>`(${sql.ref(`${alias}.open_tasks`)} + coalesce((
    select sum(c.change) from project_open_task_changes c
    where c.project_id = ${sql.ref(`${alias}.id`)}), 0))::int`;
}

/** SQL: ids of the projects whose `open_tasks` alone is not their count (changes not folded). */
export const projectsWithChangesSql = sql<{
  project_id: string;
}>`select c.project_id from project_open_task_changes c`;

/**
 * Moves every change row into its project's `open_tasks`, in one statement (so a count is never
 * seen twice or not at all), and says how many rows it moved. One fold at a time: a second,
 * started while one runs (every instance sweeps), finds the advisory lock taken and moves
 * nothing. Rows committed while it runs are left for the next.
 */
export async function foldOpenTaskChanges(db: Db): Promise<number> {
  const { rows } = await sql<{ moved: number }>`
    with moved as (
      delete from project_open_task_changes
      where (select pg_try_advisory_xact_lock(hashtextextended('fold project_open_task_changes', 0)))
      returning project_id, change
    ), totals as (
      select project_id, sum(change)::int as n from moved group by project_id
    ), folded as (
      update projects p set open_tasks = p.open_tasks + t.n
      from totals t where p.id = t.project_id and t.n <> 0
    )
    select count(*)::int as moved from moved`.execute(db);
  return rows[0]?.moved ?? 0;
}
