import { sql, type Kysely } from 'kysely';

/**
 * Where a worker wants to be paid: one current payout method per user, every change kept in
 * `payout_method_changes` (an account taken over and pointed at someone else's account leaves a
 * trace), and a copy of the method on each payout as it was when the payout was requested, so a
 * later change never redirects money already asked for. Payouts requested before this migration
 * have no copy (null).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table payout_methods (
    user_id uuid primary key references users (id),
    method text not null check (method in ('bank_transfer', 'paypal', 'other')),
    destination text not null,
    account_holder text,
    updated_at timestamptz not null
  )`.execute(db);

  await sql`create table payout_method_changes (
    id bigserial primary key,
    user_id uuid not null references users (id),
    method text check (method in ('bank_transfer', 'paypal', 'other')),
    destination text,
    account_holder text,
    changed_at timestamptz not null
  )`.execute(db);
  await sql`create index payout_method_changes_user_idx on payout_method_changes (user_id, id)`.execute(
    db,
  );

  await sql`alter table payouts
    add column method text check (method in ('bank_transfer', 'paypal', 'other')),
    add column destination text,
    add column account_holder text,
    add column destination_set_at timestamptz`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table payouts
    drop column method, drop column destination, drop column account_holder,
    drop column destination_set_at`.execute(db);
  await db.schema.dropTable('payout_method_changes').execute();
  await db.schema.dropTable('payout_methods').execute();
}
