import { sql, type Kysely } from 'kysely';

/**
 * Adaptive (dynamic) overlap, DESIGN §9. A project with `overlap_max` set takes
 * `assignments_per_task` (its `min`) answers per task first and opens one more slot at a time, up
 * to `overlap_max`, while the submitted answers agree less than `overlap_agreement_percent` on a
 * choice-like item. Escrow is held for `overlap_max` slots from the start:
 * - `tasks.reserve_slots`: slots escrowed beyond the task's current `assignments_per_task` that
 *   may still open. Opening a slot moves one from here to `assignments_per_task` (escrow does not
 *   move); when the task settles (every slot decided, no further slot will open) or its batch is
 *   cancelled, the reserve's escrow returns to the requester and it becomes 0. Always 0 for a
 *   project without overlap, so an open project's escrow is
 *   Σ over tasks of (assignments_per_task + reserve_slots − approved slot holders) × (reward + fee).
 * - `tasks.extra_slots`: slots opened because answers disagreed, for the requester's progress
 *   view ("12 tasks needed a 4th answer"); `tasks_extra_slots_idx` finds them without a scan.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table projects
    add column overlap_max integer,
    add column overlap_agreement_percent integer,
    add constraint projects_overlap_check check (
      (overlap_max is null and overlap_agreement_percent is null)
      or (overlap_max >= assignments_per_task
          and overlap_agreement_percent between 1 and 100))`.execute(db);
  await sql`alter table tasks
    add column reserve_slots integer not null default 0 check (reserve_slots >= 0),
    add column extra_slots integer not null default 0 check (extra_slots >= 0)`.execute(db);
  await sql`create index tasks_extra_slots_idx on tasks (project_id, extra_slots)
    where extra_slots > 0`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index tasks_extra_slots_idx`.execute(db);
  await sql`alter table tasks drop column extra_slots, drop column reserve_slots`.execute(db);
  await sql`alter table projects drop constraint projects_overlap_check,
    drop column overlap_agreement_percent, drop column overlap_max`.execute(db);
}
