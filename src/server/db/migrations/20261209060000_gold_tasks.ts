import { sql, type Kysely } from 'kysely';

/**
 * Gold (known-answer) tasks and work-time signals (DESIGN §9).
 *
 * - `task_gold`: a task's known answers `{ item: value }` and the explanation shown after a wrong
 *   answer. A row here makes a task gold; the task's own `data` never holds the answers, so
 *   nothing that serves a task to a worker can carry them. `project_id` is the task's, copied so
 *   that a claim can find a project's gold without walking its ordinary tasks.
 * - `assignments.gold_correct` / `gold_results`: set on submit for gold tasks only (per-item
 *   `{ item: true|false }`), so a worker's gold accuracy in a project is a count over one index.
 * - `assignments.work_seconds` (accept → submit, server clock) and `active_seconds` (reported by
 *   the work page, clamped to work_seconds).
 * - The project's quality settings, and `min_work_seconds` below which review flags a submission.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table task_gold (
    task_id uuid primary key references tasks (id) on delete cascade,
    project_id uuid not null references projects (id) on delete cascade,
    answers jsonb not null,
    explanation text
  )`.execute(db);
  // The claim's gold branch reads a project's gold tasks, not every open task.
  await sql`create index task_gold_project_idx on task_gold (project_id)`.execute(db);
  // Gold rows find their tasks by row number after each chunk of an upload is inserted.
  await sql`create index tasks_batch_row_idx on tasks (batch_id, row_number)`.execute(db);
  await sql`alter table assignments
    add column gold_correct boolean,
    add column gold_results jsonb,
    add column work_seconds integer,
    add column active_seconds integer`.execute(db);
  // A worker's record in a project (tasks taken, gold answered), read on every accept.
  await sql`create index assignments_project_worker_idx
    on assignments (project_id, worker_id)`.execute(db);
  await sql`alter table projects
    add column gold_percent integer not null default 0
      check (gold_percent between 0 and 100),
    add column min_gold_accuracy_percent integer not null default 0
      check (min_gold_accuracy_percent between 0 and 100),
    add column min_gold_answered integer not null default 0 check (min_gold_answered >= 0),
    add column gold_feedback boolean not null default false,
    add column min_work_seconds integer not null default 0 check (min_work_seconds >= 0)`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table projects
    drop column gold_percent, drop column min_gold_accuracy_percent,
    drop column min_gold_answered, drop column gold_feedback, drop column min_work_seconds`.execute(
    db,
  );
  await sql`drop index assignments_project_worker_idx`.execute(db);
  await sql`drop index tasks_batch_row_idx`.execute(db);
  await sql`alter table assignments
    drop column gold_correct, drop column gold_results,
    drop column work_seconds, drop column active_seconds`.execute(db);
  await db.schema.dropTable('task_gold').execute();
}
