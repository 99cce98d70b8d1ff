import { sql, type Kysely } from 'kysely';

/**
 * What the MTurk-compatible API knows beyond Tessera's projects and tasks (docs/mturk.md):
 * - a HIT type is a requester's set of project settings, with MTurk's id; the same settings
 *   give the same id, as on MTurk;
 * - a HIT group is the project that HITs of one HIT type, one Question and one MaxAssignments
 *   fill (each HIT is one of its tasks), so the worker's feed shows one entry per group; once
 *   that project closes, the next such HIT starts a new project (so a key may repeat);
 * - a HIT's RequesterAnnotation, which workers never see.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table mturk_hit_types (
    id text primary key,
    owner_id uuid not null references users (id),
    settings_sha256 text not null,
    title text not null,
    description text not null,
    keywords text[] not null,
    reward_cents integer not null,
    assignment_duration_seconds integer not null,
    auto_approval_delay_seconds integer not null,
    qualification_requirements jsonb not null,
    created_at timestamptz not null default now(),
    unique (owner_id, settings_sha256)
  )`.execute(db);

  await sql`create table mturk_hit_groups (
    project_id uuid primary key references projects (id),
    hit_type_id text not null references mturk_hit_types (id),
    question text not null,
    question_sha256 text not null,
    max_assignments integer not null
  )`.execute(db);
  await sql`create index mturk_hit_groups_key_idx
    on mturk_hit_groups (hit_type_id, question_sha256, max_assignments)`.execute(db);

  await sql`create table mturk_hits (
    task_id uuid primary key references tasks (id) on delete cascade,
    requester_annotation text not null
  )`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('mturk_hits').execute();
  await db.schema.dropTable('mturk_hit_groups').execute();
  await db.schema.dropTable('mturk_hit_types').execute();
}
