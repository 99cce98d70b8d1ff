import { sql, type Kysely } from 'kysely';

/**
 * MaxAssignments of a HIT that UpdateExpirationForHIT expired or DeleteHIT disposed of. Both
 * withdraw the HIT's task, which lowers its slots to those held, yet MTurk keeps answering the
 * HIT's MaxAssignments as it was: this is that number, kept when the task is withdrawn.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table mturk_hits
    add column max_assignments integer check (max_assignments > 0)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table mturk_hits drop column max_assignments`.execute(db);
}
