import { sql, type Kysely } from 'kysely';

/**
 * Qualification tests (DESIGN §9). A type may have one test: a form template, its answer key and
 * the rules. Each attempt keeps a copy of the template, key and passing score it was given, so
 * editing a test never changes the scoring of an attempt already started. At most one attempt per
 * worker and type is open; an open attempt whose deadline passed is expired when next touched.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table qualification_tests (
    type_id uuid primary key references qualification_types (id) on delete cascade,
    template jsonb not null,
    answer_key jsonb not null,
    passing_score integer not null check (passing_score >= 0),
    max_score integer not null check (max_score >= passing_score),
    test_duration_seconds integer not null check (test_duration_seconds > 0),
    retry_delay_seconds integer not null check (retry_delay_seconds >= 0),
    created_at timestamptz not null,
    updated_at timestamptz not null
  )`.execute(db);

  await sql`create table qualification_test_attempts (
    id uuid primary key default gen_random_uuid(),
    type_id uuid not null references qualification_types (id) on delete cascade,
    worker_id uuid not null references users (id) on delete cascade,
    status text not null default 'open' check (status in ('open', 'submitted', 'expired')),
    template jsonb not null,
    answer_key jsonb not null,
    passing_score integer not null,
    max_score integer not null,
    started_at timestamptz not null,
    deadline timestamptz not null,
    submitted_at timestamptz,
    answers jsonb,
    score integer,
    passed boolean,
    check ((status = 'submitted') = (submitted_at is not null and score is not null))
  )`.execute(db);
  // One open attempt per worker and type; a concurrent second start fails on it.
  await sql`create unique index qualification_test_attempts_open_key
    on qualification_test_attempts (type_id, worker_id) where status = 'open'`.execute(db);
  // The worker's last attempt (retry delay), and the owner's list of attempts, newest first.
  await sql`create index qualification_test_attempts_worker_idx
    on qualification_test_attempts (worker_id, type_id, started_at desc)`.execute(db);
  await sql`create index qualification_test_attempts_type_idx
    on qualification_test_attempts (type_id, started_at desc, id desc)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('qualification_test_attempts').execute();
  await db.schema.dropTable('qualification_tests').execute();
}
