import { sql, type Kysely } from 'kysely';

/**
 * Pilot runs (DESIGN §10). A pilot publishes a draft with only its first `pilot_tasks` tasks (in
 * upload order, up to and including task `seq` `pilot_last_seq`) open and escrowed: the others
 * keep no slots (`tasks.assignments_per_task` 0), so nothing can claim them, they owe no escrow and
 * the feed's open-task count leaves them out. At most `pilot_workers` distinct workers take pilot
 * work (`assignments.pilot`), each of whom may leave `pilot_feedback` with a submission. Publishing
 * the rest gives the held tasks their slots, escrows them and sets `pilot_ended_at`; a pilot runs
 * while `pilot_started_at` is set and `pilot_ended_at` is not.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table projects
    add column pilot_tasks integer check (pilot_tasks > 0),
    add column pilot_workers integer check (pilot_workers > 0),
    add column pilot_last_seq bigint,
    add column pilot_started_at timestamptz,
    add column pilot_ended_at timestamptz,
    add constraint projects_pilot_together check (
      (pilot_started_at is null) = (pilot_tasks is null)
      and (pilot_started_at is null) = (pilot_workers is null)
      and (pilot_started_at is null) = (pilot_last_seq is null)
      and (pilot_ended_at is null or pilot_started_at is not null))`.execute(db);
  await sql`alter table assignments
    add column pilot boolean not null default false,
    add column pilot_feedback text check (char_length(pilot_feedback) <= 2000)`.execute(db);
  // The pilot's workers, counted at each pilot accept and listed with their feedback.
  await sql`create index assignments_pilot_idx on assignments (project_id, worker_id)
    where pilot`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index assignments_pilot_idx`.execute(db);
  await sql`alter table assignments drop column pilot_feedback, drop column pilot`.execute(db);
  await sql`alter table projects
    drop constraint projects_pilot_together,
    drop column pilot_ended_at,
    drop column pilot_started_at,
    drop column pilot_last_seq,
    drop column pilot_workers,
    drop column pilot_tasks`.execute(db);
}
