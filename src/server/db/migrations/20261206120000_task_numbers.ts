import { sql, type Kysely } from 'kysely';

/**
 * `tasks.number`: a task's number within its project (#1, #2, …), in import order across every
 * batch, so a requester can name a task ("#123") in review, in results and in a message, and the
 * name never changes. `row_number` stays the row's line in its own upload and restarts per batch.
 *
 * An import numbers its rows on from the project's highest number, under the lock on the project
 * row that every import already takes; the unique index makes a duplicate impossible even if a
 * future writer forgot that lock (it would fail, not repeat a number), and it is also what finds
 * the highest number without reading the project's tasks.
 *
 * Existing tasks are numbered in import order (`seq`), per project.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table tasks add column number integer`.execute(db);
  await sql`update tasks t set number = r.n
    from (select id, row_number() over (partition by project_id order by seq) as n from tasks) r
    where t.id = r.id`.execute(db);
  await sql`alter table tasks alter column number set not null`.execute(db);
  await sql`alter table tasks add constraint tasks_number_check check (number > 0)`.execute(db);
  await sql`create unique index tasks_project_number_idx on tasks (project_id, number)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index tasks_project_number_idx`.execute(db);
  await sql`alter table tasks drop column number`.execute(db);
}
