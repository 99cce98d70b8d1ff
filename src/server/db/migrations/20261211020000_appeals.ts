import { sql, type Kysely } from 'kysely';

/**
 * Appeals of rejections (DESIGN §11): at most one per assignment, written by its worker within
 * the appeal window and answered by the project's requester within the response window, or
 * overturned by the sweep once that passes (`decided_by` null, `automatic`).
 *
 * The requester's reputation keeps how many of their appeals were decided and how many of those
 * were overturned, in the transaction of the decision, as it keeps its other counts.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table appeals (
    id uuid primary key default gen_random_uuid(),
    assignment_id uuid not null unique references assignments (id) on delete cascade,
    project_id uuid not null references projects (id) on delete cascade,
    worker_id uuid not null references users (id) on delete cascade,
    requester_id uuid not null references users (id) on delete cascade,
    -- The requester's reason as it stood when the worker appealed: an overturn replaces the
    -- assignment's feedback, and the conversation keeps what was appealed against.
    rejection_reason text not null,
    rejected_at timestamptz not null,
    message text not null,
    status text not null default 'open' check (status in ('open', 'overturned', 'upheld')),
    response_deadline timestamptz not null,
    decision_message text,
    decided_by uuid references users (id) on delete set null,
    automatic boolean not null default false,
    decided_at timestamptz,
    created_at timestamptz not null,
    check ((status = 'open') = (decided_at is null))
  )`.execute(db);
  await sql`create index appeals_worker_idx on appeals (worker_id, created_at desc, id desc)`.execute(
    db,
  );
  await sql`create index appeals_project_idx on appeals (project_id, created_at desc, id desc)`.execute(
    db,
  );
  // The sweep's question: which open appeals are past their response window?
  await sql`create index appeals_open_due_idx on appeals (response_deadline)
    where status = 'open'`.execute(db);

  await sql`alter table user_reputation
    add column appeals_decided integer not null default 0,
    add column appeals_overturned integer not null default 0`.execute(db);

  await sql`alter table notifications drop constraint notifications_kind_check`.execute(db);
  await sql`alter table notifications add constraint notifications_kind_check check (kind in
    ('assignment_approved', 'assignment_rejected', 'bonus_received', 'project_finished',
     'escrow_returned', 'payout_paid', 'qualification_granted', 'qualification_refused',
     'requester_message', 'appeal_received', 'appeal_decided'))`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`delete from notifications where kind in ('appeal_received', 'appeal_decided')`.execute(
    db,
  );
  await sql`alter table notifications drop constraint notifications_kind_check`.execute(db);
  await sql`alter table notifications add constraint notifications_kind_check check (kind in
    ('assignment_approved', 'assignment_rejected', 'bonus_received', 'project_finished',
     'escrow_returned', 'payout_paid', 'qualification_granted', 'qualification_refused',
     'requester_message'))`.execute(db);
  await sql`alter table user_reputation
    drop column appeals_decided, drop column appeals_overturned`.execute(db);
  await db.schema.dropTable('appeals').execute();
}
