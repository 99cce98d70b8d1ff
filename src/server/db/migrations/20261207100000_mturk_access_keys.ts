import { sql, type Kysely } from 'kysely';

/**
 * AWS-style access keys for the MTurk-compatible API (modules/mturk). SigV4 needs the secret
 * itself to recompute a signature, so it is kept encrypted (AES-256-GCM) rather than hashed;
 * `encryption_key_id` names the server key that sealed it, so a rotated key's rows can be found
 * and sealed again with the current one.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table mturk_access_keys (
    id text primary key,
    user_id uuid not null references users (id) on delete cascade,
    name text not null,
    secret_ciphertext text not null,
    encryption_key_id text not null,
    created_at timestamptz not null default now(),
    last_used_at timestamptz
  )`.execute(db);
  await sql`create index mturk_access_keys_user_idx on mturk_access_keys (user_id, created_at)`.execute(
    db,
  );
  await sql`create index mturk_access_keys_encryption_key_idx on mturk_access_keys (encryption_key_id)`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('mturk_access_keys').execute();
}
