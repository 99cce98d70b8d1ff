import { sql, type Kysely } from 'kysely';

const KINDS_BEFORE = `'assignment_approved', 'assignment_rejected', 'bonus_received', 'project_finished',
     'escrow_returned', 'payout_paid', 'qualification_granted', 'qualification_refused',
     'requester_message', 'appeal_received', 'appeal_decided'`;

/**
 * Messages between a requester and a worker (DESIGN §11). A thread is one pair about one subject:
 * nothing in particular, a project, or an assignment of that project; the unique index (with
 * absent subjects as the nil id, since null never equals null) makes "create or continue" one
 * upsert. Each side keeps the sequence number of the last message it read (a per-thread count
 * of what came after is its unread) and whether it muted the thread. `seq` orders messages
 * even when two share a timestamp (the test clock); `send_id` groups the messages of one send
 * (a broadcast writes many), which the per-minute limit counts.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table message_threads (
    id uuid primary key default gen_random_uuid(),
    requester_id uuid not null references users (id) on delete cascade,
    worker_id uuid not null references users (id) on delete cascade,
    project_id uuid references projects (id) on delete cascade,
    assignment_id uuid references assignments (id) on delete cascade,
    created_at timestamptz not null,
    last_message_at timestamptz not null,
    requester_read_seq bigint not null default 0,
    worker_read_seq bigint not null default 0,
    requester_muted boolean not null default false,
    worker_muted boolean not null default false,
    check (requester_id <> worker_id),
    check (assignment_id is null or project_id is not null)
  )`.execute(db);
  await sql`create unique index message_threads_subject on message_threads (
    requester_id, worker_id,
    coalesce(project_id, '00000000-0000-0000-0000-000000000000'::uuid),
    coalesce(assignment_id, '00000000-0000-0000-0000-000000000000'::uuid)
  )`.execute(db);
  // Each side's list of threads, most recent first.
  await sql`create index message_threads_requester on message_threads (requester_id, last_message_at desc, id desc)`.execute(
    db,
  );
  await sql`create index message_threads_worker on message_threads (worker_id, last_message_at desc, id desc)`.execute(
    db,
  );

  await sql`create table messages (
    id uuid primary key default gen_random_uuid(),
    seq bigint generated always as identity,
    thread_id uuid not null references message_threads (id) on delete cascade,
    sender_id uuid not null references users (id) on delete cascade,
    send_id uuid not null,
    body text not null check (length(body) between 1 and 5000),
    created_at timestamptz not null
  )`.execute(db);
  await sql`create index messages_thread on messages (thread_id, seq)`.execute(db);
  await sql`create index messages_sender on messages (sender_id, created_at)`.execute(db);

  await sql`alter table notifications drop constraint notifications_kind_check`.execute(db);
  await sql`alter table notifications add constraint notifications_kind_check check (kind in
    (${sql.raw(KINDS_BEFORE)}, 'message_received'))`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`delete from notifications where kind = 'message_received'`.execute(db);
  await sql`alter table notifications drop constraint notifications_kind_check`.execute(db);
  await sql`alter table notifications add constraint notifications_kind_check check (kind in
    (${sql.raw(KINDS_BEFORE)}))`.execute(db);
  await db.schema.dropTable('messages').execute();
  await db.schema.dropTable('message_threads').execute();
}
