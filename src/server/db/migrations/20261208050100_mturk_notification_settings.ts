import { sql, type Kysely } from 'kysely';

/**
 * A HIT type's notification settings (MTurk's UpdateNotificationSettings): which events go to
 * which destination, and whether they are on. The destination is the URL of one of the
 * requester's Tessera webhooks, looked up when an event happens (deleting that webhook stops the
 * notifications); deliveries go through the webhooks' outbox, signed with its secret.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table mturk_notification_settings (
    hit_type_id text primary key references mturk_hit_types (id) on delete cascade,
    owner_id uuid not null references users (id) on delete cascade,
    destination text not null,
    transport text not null,
    version text not null,
    event_types text[] not null,
    active boolean not null,
    updated_at timestamptz not null
  )`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('mturk_notification_settings').execute();
}
