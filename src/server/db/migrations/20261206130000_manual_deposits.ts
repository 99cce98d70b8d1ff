import { sql, type Kysely } from 'kysely';

/**
 * Offline payments an administrator records (bank transfers, paid invoices) as an audit record
 * beside the ledger transaction that credits them: who recorded what, when, for whom, with the
 * payment's reference and an optional internal note.
 *
 * A reference is recorded once (case-insensitively): a bank transfer id or invoice number names
 * one payment, so recording it twice is the typo this table exists to catch. Manual deposits made
 * before this table existed are copied in; a reference they shared (or lacked) gets a suffix so
 * the rule can hold from now on.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table manual_deposits (
    id uuid primary key default gen_random_uuid(),
    transaction_id uuid not null unique references ledger_transactions (id),
    requester_id uuid not null references users (id),
    amount_cents integer not null check (amount_cents > 0),
    reference text not null check (length(reference) between 1 and 300),
    note text,
    recorded_by uuid not null references users (id),
    recorded_at timestamptz not null default now()
  )`.execute(db);

  await sql`insert into manual_deposits
      (transaction_id, requester_id, amount_cents, reference, recorded_by, recorded_at)
    select t.id, a.user_id, e.amount_cents,
      case when row_number() over (partition by lower(coalesce(t.external_reference, '')) order by t.created_at, t.id) = 1
        then coalesce(nullif(t.external_reference, ''), 'unrecorded ' || t.id::text)
        else coalesce(nullif(t.external_reference, ''), 'unrecorded') || ' (' || t.id::text || ')'
      end,
      t.actor_id, t.created_at
    from ledger_transactions t
    join ledger_entries e on e.transaction_id = t.id and e.amount_cents > 0
    join ledger_accounts a on a.id = e.account_id and a.kind = 'requester_available'
    where t.kind = 'deposit' and t.provider = 'manual' and t.actor_id is not null`.execute(db);

  await sql`create unique index manual_deposits_reference_key on manual_deposits (lower(reference))`.execute(
    db,
  );
  await sql`create index manual_deposits_recorded_idx on manual_deposits (recorded_at, id)`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('manual_deposits').execute();
}
