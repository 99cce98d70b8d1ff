import { sql, type Kysely } from 'kysely';

/**
 * Messages a requester sends to workers who did their work (MTurk's NotifyWorkers): each one is
 * an in-app notification of the new kind `requester_message` (and an email to a verified
 * address), and a row here, which the per-worker and per-requester limits count.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table notifications drop constraint notifications_kind_check`.execute(db);
  await sql`alter table notifications add constraint notifications_kind_check check (kind in
    ('assignment_approved', 'assignment_rejected', 'bonus_received', 'project_finished',
     'escrow_returned', 'payout_paid', 'qualification_granted', 'qualification_refused',
     'requester_message'))`.execute(db);

  await sql`create table worker_messages (
    id uuid primary key default gen_random_uuid(),
    requester_id uuid not null references users (id) on delete cascade,
    worker_id uuid not null references users (id) on delete cascade,
    subject text not null,
    created_at timestamptz not null
  )`.execute(db);
  // The limits: one requester's recent messages, and to one worker.
  await sql`create index worker_messages_requester_idx
    on worker_messages (requester_id, created_at)`.execute(db);
  await sql`create index worker_messages_pair_idx
    on worker_messages (requester_id, worker_id, created_at)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('worker_messages').execute();
  await sql`delete from notifications where kind = 'requester_message'`.execute(db);
  await sql`alter table notifications drop constraint notifications_kind_check`.execute(db);
  await sql`alter table notifications add constraint notifications_kind_check check (kind in
    ('assignment_approved', 'assignment_rejected', 'bonus_received', 'project_finished',
     'escrow_returned', 'payout_paid', 'qualification_granted', 'qualification_refused'))`.execute(
    db,
  );
}
