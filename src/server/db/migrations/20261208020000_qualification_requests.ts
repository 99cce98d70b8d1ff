import { sql, type Kysely } from 'kysely';

/**
 * Requestable qualification types (MTurk's IsRequestable, QualificationTypeStatus, AutoGranted,
 * RetryDelayInSeconds) and workers' requests for them; what a revoke leaves behind (MTurk lists
 * revoked qualifications); and a disposed state for MTurk's DeleteQualificationType, which keeps
 * the grants that live projects still compare against.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table qualification_types
    add column requestable boolean not null default false,
    add column active boolean not null default true,
    add column auto_granted boolean not null default false,
    add column auto_granted_value integer not null default 1,
    add column retry_delay_seconds integer check (retry_delay_seconds >= 0),
    add column keywords text not null default '',
    add column disposed_at timestamptz`.execute(db);
  // A disposed type's name is free again, as on MTurk.
  await sql`drop index qualification_types_owner_name_key`.execute(db);
  await sql`create unique index qualification_types_owner_name_key
    on qualification_types (owner_id, lower(name)) where disposed_at is null`.execute(db);

  await sql`create table qualification_requests (
    id uuid primary key default gen_random_uuid(),
    type_id uuid not null references qualification_types (id) on delete cascade,
    worker_id uuid not null references users (id) on delete cascade,
    status text not null default 'pending' check (status in ('pending', 'granted', 'refused')),
    value integer,
    reason text,
    created_at timestamptz not null,
    decided_at timestamptz
  )`.execute(db);
  // One open request per worker and type.
  await sql`create unique index qualification_requests_pending_key
    on qualification_requests (type_id, worker_id) where status = 'pending'`.execute(db);
  // A type's requests (the requester's list), newest first.
  await sql`create index qualification_requests_type_created_idx
    on qualification_requests (type_id, created_at desc, id desc)`.execute(db);
  // A worker's own requests, and their last request for a type (the retry delay).
  await sql`create index qualification_requests_worker_created_idx
    on qualification_requests (worker_id, created_at desc, id desc)`.execute(db);

  await sql`create table qualification_revocations (
    type_id uuid not null references qualification_types (id) on delete cascade,
    worker_id uuid not null references users (id) on delete cascade,
    value integer not null,
    reason text not null default '',
    revoked_at timestamptz not null,
    primary key (type_id, worker_id)
  )`.execute(db);
  await sql`create index qualification_revocations_type_revoked_idx
    on qualification_revocations (type_id, revoked_at desc, worker_id desc)`.execute(db);

  await sql`alter table notifications drop constraint notifications_kind_check`.execute(db);
  await sql`alter table notifications add constraint notifications_kind_check check (kind in (
    'assignment_approved', 'assignment_rejected', 'bonus_received', 'project_finished',
    'escrow_returned', 'payout_paid', 'qualification_granted', 'qualification_refused'))`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`delete from notifications where kind in ('qualification_granted', 'qualification_refused')`.execute(
    db,
  );
  await sql`alter table notifications drop constraint notifications_kind_check`.execute(db);
  await sql`alter table notifications add constraint notifications_kind_check check (kind in (
    'assignment_approved', 'assignment_rejected', 'bonus_received', 'project_finished',
    'escrow_returned', 'payout_paid'))`.execute(db);
  await sql`drop table qualification_revocations`.execute(db);
  await sql`drop table qualification_requests`.execute(db);
  await sql`delete from qualification_types where disposed_at is not null`.execute(db);
  await sql`drop index qualification_types_owner_name_key`.execute(db);
  await sql`create unique index qualification_types_owner_name_key
    on qualification_types (owner_id, lower(name))`.execute(db);
  await sql`alter table qualification_types
    drop column requestable, drop column active, drop column auto_granted,
    drop column auto_granted_value, drop column retry_delay_seconds, drop column keywords,
    drop column disposed_at`.execute(db);
}
