import { sql, type Kysely } from 'kysely';

/**
 * Sign-in attempts per account (keyed by a hash of the normalised email, whether or not an account
 * has it), so every server instance throttles the same account the same way without Redis.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table login_throttles (
    key_hash text primary key,
    attempts integer not null,
    last_attempt_at timestamptz not null,
    blocked_until timestamptz
  )`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table login_throttles`.execute(db);
}
