import { sql, type Kysely } from 'kysely';
import { tasksCountOpenFunction } from './shared/open-task-count.js';

/**
 * Claims no longer queue on their project's row. Every claim that filled a task updated
 * `projects.open_tasks` (the trigger of 20261128002000 / 20261206110000) and held that row until
 * its commit had reached the disk, so all accepts of one project took turns, one WAL flush each:
 * with 64 workers on one project that queue was the accept's latency tail (docs/performance.md).
 *
 * Now a statement that updates tasks (a claim, a return, an expiry, a rejection, a cancellation)
 * appends its net change per project to `project_open_task_changes`, which takes no lock anyone
 * waits on; a sweep folds the rows into `projects.open_tasks` every second
 * (`db/open-tasks.ts`). A project's open tasks are `open_tasks` plus its rows not folded yet,
 * and every reader uses that sum, so the feed stays exact. Inserting and deleting tasks (imports,
 * publishing, drafts) still update the project's row at once: they are rare and one statement
 * each.
 */
export async function up(db: Kysely<any>): Promise<void> {
  // No key and no foreign key: rows are only ever summed by project and deleted all at once by
  // the fold, and the claim, the hottest write there is, should add one heap row and one index
  // entry. A change for a project deleted meanwhile is dropped by the next fold.
  await sql`create table project_open_task_changes (
    project_id uuid not null,
    change integer not null
  )`.execute(db);
  await sql`create index project_open_task_changes_project_idx
    on project_open_task_changes (project_id)`.execute(db);
  await tasksCountOpenFunction({
    replace: true,
    open: 'free slot, not cancelled',
    updatesGoTo: 'change rows',
  }).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`update projects p set open_tasks = p.open_tasks + c.n
    from (select project_id, sum(change)::int as n from project_open_task_changes
          group by project_id) c
    where p.id = c.project_id`.execute(db);
  await tasksCountOpenFunction({
    replace: true,
    open: 'free slot, not cancelled',
    updatesGoTo: 'project row',
  }).execute(db);
  await sql`drop table project_open_task_changes`.execute(db);
}
