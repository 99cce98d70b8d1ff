import { sql, type Kysely } from 'kysely';

/**
 * Answer aggregation (DESIGN §9): per task and choice-like item, the answer each method chose,
 * its confidence and the votes; per worker, what the aggregate says of them. A background job
 * recomputes a project's rows when its work has changed since `answers_through`, at most once
 * per `debounce` (see the aggregation service), under a lease so that one instance does it.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table project_aggregations (
    project_id uuid primary key references projects (id) on delete cascade,
    answers_through timestamptz not null,
    computed_at timestamptz not null,
    leased_until timestamptz
  )`.execute(db);

  await sql`create table task_aggregates (
    task_id uuid not null references tasks (id) on delete cascade,
    item text not null,
    method text not null check (method in ('majority', 'dawid_skene')),
    project_id uuid not null references projects (id) on delete cascade,
    -- The list's keyset order: task seq × 65,536 + the item's place among the template's
    -- choice-like items (at most 200 items × 200 options), rewritten with every recomputation.
    position bigint not null,
    answer text,
    confidence double precision not null,
    votes jsonb not null,
    primary key (task_id, method, item)
  )`.execute(db);
  // The list: a project's aggregates by one method in task order.
  await sql`create index task_aggregates_project_idx
    on task_aggregates (project_id, method, position)`.execute(db);

  await sql`create table worker_estimates (
    project_id uuid not null references projects (id) on delete cascade,
    worker_id uuid not null references users (id) on delete cascade,
    agreement_percent double precision,
    estimated_accuracy double precision,
    gold_answered integer not null,
    gold_correct integer not null,
    primary key (project_id, worker_id)
  )`.execute(db);

  // The job's question "has this project's work changed since?" is an index probe.
  await sql`create index assignments_project_updated_idx
    on assignments (project_id, updated_at)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index assignments_project_updated_idx`.execute(db);
  await db.schema.dropTable('worker_estimates').execute();
  await db.schema.dropTable('task_aggregates').execute();
  await db.schema.dropTable('project_aggregations').execute();
}
