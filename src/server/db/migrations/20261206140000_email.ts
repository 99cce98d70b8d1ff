import { sql, type Kysely } from 'kysely';

/**
 * Email (issue #13): verified addresses, one-time links by email (password reset, email
 * verification; only their SHA-256 is kept), the daily digest choice and the claim that makes
 * one instance send each user's digest once a day, and an audit trail of admin actions.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table users
    add column email_verified_at timestamptz,
    add column email_digest boolean not null default false`.execute(db);

  await sql`create table email_tokens (
    token_hash text primary key,
    user_id uuid not null references users(id) on delete cascade,
    purpose text not null check (purpose in ('password_reset', 'email_verification')),
    email text not null,
    created_at timestamptz not null,
    expires_at timestamptz not null,
    used_at timestamptz,
    issued_by uuid references users(id) on delete set null
  )`.execute(db);
  // Counting a user's recent links (the per-email limit) and spending all of them at once.
  await sql`create index email_tokens_user_purpose on email_tokens (user_id, purpose, created_at)`.execute(
    db,
  );

  await sql`create table email_digests (
    user_id uuid not null references users(id) on delete cascade,
    sent_on date not null,
    created_at timestamptz not null,
    notification_count integer not null,
    primary key (user_id, sent_on)
  )`.execute(db);

  await sql`create table audit_events (
    id uuid primary key default gen_random_uuid(),
    actor_id uuid references users(id) on delete set null,
    action text not null,
    subject_user_id uuid references users(id) on delete set null,
    details jsonb not null default '{}'::jsonb,
    created_at timestamptz not null
  )`.execute(db);
  await sql`create index audit_events_created on audit_events (created_at desc, id desc)`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table audit_events`.execute(db);
  await sql`drop table email_digests`.execute(db);
  await sql`drop table email_tokens`.execute(db);
  await sql`alter table users drop column email_digest, drop column email_verified_at`.execute(db);
}
