import { sql, type Kysely } from 'kysely';

/**
 * The audit log (DESIGN §11): each entry also names what was acted on (a token, a key, an app, a
 * deposit, a payout …) and the request that did it, so an entry can be matched with the server's
 * log lines. Indexes serve the admin's search (by actor, by user, by action) and each user's own
 * list (entries where they are the actor or the subject), newest first.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table audit_events
    add column target_type text,
    add column target_id text,
    add column request_id text`.execute(db);
  await sql`create index audit_events_actor on audit_events (actor_id, created_at desc, id desc)`.execute(
    db,
  );
  await sql`create index audit_events_subject on audit_events (subject_user_id, created_at desc, id desc)`.execute(
    db,
  );
  await sql`create index audit_events_action on audit_events (action, created_at desc, id desc)`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index audit_events_action`.execute(db);
  await sql`drop index audit_events_subject`.execute(db);
  await sql`drop index audit_events_actor`.execute(db);
  await sql`alter table audit_events
    drop column request_id,
    drop column target_id,
    drop column target_type`.execute(db);
}
