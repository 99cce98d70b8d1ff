import { sql, type Kysely } from 'kysely';

/**
 * What MTurk's HIT, assignment and bonus operations need beyond the HITs themselves:
 * - `projects.rejected_slot_reopens`: whether a rejected assignment frees its slot for another
 *   worker (the web app's default) or consumes it, its reward going back to the requester's
 *   available funds (MTurk's rule, for projects made through the API);
 * - per HIT: whether the requester marked it Reviewing, when it was expired through
 *   UpdateExpirationForHIT (its task is withdrawn but the HIT stays readable), and when
 *   DeleteHIT disposed of it. A HIT without an annotation may now have such a row.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table projects
    add column rejected_slot_reopens boolean not null default true`.execute(db);
  await sql`alter table mturk_hits
    alter column requester_annotation drop not null,
    add column reviewing boolean not null default false,
    add column expired_at timestamptz,
    add column disposed_at timestamptz`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`delete from mturk_hits where requester_annotation is null`.execute(db);
  await sql`alter table mturk_hits
    alter column requester_annotation set not null,
    drop column reviewing,
    drop column expired_at,
    drop column disposed_at`.execute(db);
  await sql`alter table projects drop column rejected_slot_reopens`.execute(db);
}
