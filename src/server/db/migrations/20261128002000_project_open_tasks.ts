import { sql, type Kysely } from 'kysely';
import { tasksCountOpenFunction } from './shared/open-task-count.js';

/**
 * `projects.open_tasks`: how many of a project's tasks have a free slot
 * (`live_assignments < assignments_per_task`), kept exact by statement-level triggers on `tasks`
 * in the same transaction as every change of a task, whichever code path makes it (claims,
 * returns, expiries, rejections, reversals, imports, edits of the slots, deletions).
 *
 * The feed's "most tasks available" order needs this count for every published project: counting
 * `tasks_open_idx` for each took ~700 ms a page at 10,000 projects and a million tasks. With the
 * count kept and indexed (projects_feed_available_idx) a page walks the index and stops. The price:
 * a task filling up or freeing a slot updates its project's row and that index (about 0.1 ms,
 * once per task rather than per slot). Statement triggers with transition tables do one grouped
 * update per statement, so importing 100,000 rows updates the project once, not 100,000 times.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table projects add column open_tasks integer not null default 0`.execute(db);
  await sql`update projects p set open_tasks = c.n
    from (select project_id, count(*)::int as n from tasks
          where live_assignments < assignments_per_task group by project_id) c
    where p.id = c.project_id`.execute(db);
  await sql`create index projects_feed_available_idx
    on projects (open_tasks desc, published_at desc nulls last, id desc)
    where status = 'published'`.execute(db);
  await tasksCountOpenFunction({
    replace: false,
    open: 'free slot',
    updatesGoTo: 'project row',
  }).execute(db);
  await sql`create trigger tasks_count_open_insert after insert on tasks
    referencing new table as new_tasks
    for each statement execute function tasks_count_open()`.execute(db);
  await sql`create trigger tasks_count_open_update after update on tasks
    referencing old table as old_tasks new table as new_tasks
    for each statement execute function tasks_count_open()`.execute(db);
  await sql`create trigger tasks_count_open_delete after delete on tasks
    referencing old table as old_tasks
    for each statement execute function tasks_count_open()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop trigger tasks_count_open_delete on tasks`.execute(db);
  await sql`drop trigger tasks_count_open_update on tasks`.execute(db);
  await sql`drop trigger tasks_count_open_insert on tasks`.execute(db);
  await sql`drop function tasks_count_open()`.execute(db);
  await sql`drop index projects_feed_available_idx`.execute(db);
  await sql`alter table projects drop column open_tasks`.execute(db);
}
