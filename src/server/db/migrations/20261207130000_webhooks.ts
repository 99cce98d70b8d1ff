import { sql, type Kysely } from 'kysely';

/**
 * Requesters' own webhooks and their delivery outbox. A delivery row is written when an event
 * happens and sent by a sweep, so a receiver that is down gets it later (retries for a day); its
 * `message_id` is the `webhook-id` header, the same on every attempt, so a receiver can drop
 * repeats. Deleting a webhook deletes its log.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table webhooks (
    id uuid primary key default gen_random_uuid(),
    user_id uuid not null references users (id) on delete cascade,
    url text not null,
    events text[] not null,
    description text not null default '',
    secret text not null,
    created_at timestamptz not null
  )`.execute(db);
  await sql`create index webhooks_user_created_idx
    on webhooks (user_id, created_at desc, id desc)`.execute(db);

  await sql`create table webhook_deliveries (
    id uuid primary key default gen_random_uuid(),
    webhook_id uuid not null references webhooks (id) on delete cascade,
    message_id text not null unique,
    event text not null,
    body text not null,
    status text not null default 'pending' check (status in ('pending', 'delivered', 'failed')),
    attempts integer not null default 0,
    next_attempt_at timestamptz,
    give_up_at timestamptz not null,
    last_attempt_at timestamptz,
    last_status_code integer,
    last_response text,
    last_error text,
    created_at timestamptz not null
  )`.execute(db);
  // The sweep's claim: only pending rows, soonest first.
  await sql`create index webhook_deliveries_due_idx
    on webhook_deliveries (next_attempt_at) where status = 'pending'`.execute(db);
  // A webhook's log, newest first.
  await sql`create index webhook_deliveries_webhook_created_idx
    on webhook_deliveries (webhook_id, created_at desc, id desc)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('webhook_deliveries').execute();
  await db.schema.dropTable('webhooks').execute();
}
