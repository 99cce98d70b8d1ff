import { sql, type Kysely } from 'kysely';

/**
 * `upload_slots`: the batch uploads a requester has running, one row per slot in use, so that the
 * limit on concurrent uploads holds across every server instance sharing the database. A slot is
 * leased until `expires_at` and renewed while its import runs; a server that dies mid-import
 * leaves a row that the next upload takes over once the lease has run out, so a crash never
 * keeps a slot forever. Not an advisory lock: the upload's network phase runs outside any
 * transaction, and session-level locks would tie state to a pooled connection.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table upload_slots (
    requester_id uuid not null references users (id) on delete cascade,
    slot smallint not null,
    holder uuid not null,
    expires_at timestamptz not null,
    primary key (requester_id, slot)
  )`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table upload_slots`.execute(db);
}
