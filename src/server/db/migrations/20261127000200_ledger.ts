import { sql, type Kysely } from 'kysely';

/**
 * Double-entry ledger in integer cents. Entries are append-only; every transaction's entries sum
 * to zero. User-owned accounts cache their balance (updated in the same transaction as the
 * entries, checked against the sum in tests); the platform's own accounts do not, so that no
 * single hot row serialises every deposit or payment.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('ledger_accounts')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('user_id', 'uuid', (c) => c.references('users.id'))
    .addColumn('kind', 'text', (c) =>
      c
        .notNull()
        .check(
          sql`kind in ('requester_available', 'requester_escrow', 'worker_earnings', 'platform_fees', 'external')`,
        ),
    )
    .addColumn('balance_cents', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint(
      'ledger_accounts_owner_check',
      sql`(user_id is null) = (kind in ('platform_fees', 'external'))`,
    )
    .execute();
  await sql`create unique index ledger_accounts_owner_kind_key on ledger_accounts (coalesce(user_id, '00000000-0000-0000-0000-000000000000'::uuid), kind)`.execute(
    db,
  );
  await sql`insert into ledger_accounts (user_id, kind) values (null, 'platform_fees'), (null, 'external')`.execute(
    db,
  );

  await db.schema
    .createTable('ledger_transactions')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('kind', 'text', (c) =>
      c
        .notNull()
        .check(
          sql`kind in ('deposit', 'escrow', 'release', 'payment', 'bonus', 'payout', 'payout_reversal')`,
        ),
    )
    .addColumn('memo', 'text', (c) => c.notNull())
    .addColumn('project_id', 'uuid')
    .addColumn('assignment_id', 'uuid')
    .addColumn('actor_id', 'uuid', (c) => c.references('users.id'))
    .addColumn('provider', 'text')
    .addColumn('external_reference', 'text')
    .addColumn('idempotency_key', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`create unique index ledger_transactions_idempotency_key on ledger_transactions (actor_id, idempotency_key) where idempotency_key is not null`.execute(
    db,
  );
  await db.schema
    .createIndex('ledger_transactions_project_idx')
    .on('ledger_transactions')
    .column('project_id')
    .where(sql.ref('project_id'), 'is not', null)
    .execute();

  await db.schema
    .createTable('ledger_entries')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('transaction_id', 'uuid', (c) => c.notNull().references('ledger_transactions.id'))
    .addColumn('account_id', 'uuid', (c) => c.notNull().references('ledger_accounts.id'))
    .addColumn('amount_cents', 'bigint', (c) => c.notNull().check(sql`amount_cents <> 0`))
    // Escrow is tracked per project so a project's unused escrow can be returned exactly.
    .addColumn('project_id', 'uuid')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex('ledger_entries_account_idx')
    .on('ledger_entries')
    .columns(['account_id', 'id'])
    .execute();
  await db.schema
    .createIndex('ledger_entries_transaction_idx')
    .on('ledger_entries')
    .column('transaction_id')
    .execute();
  await db.schema
    .createIndex('ledger_entries_project_idx')
    .on('ledger_entries')
    .columns(['project_id', 'account_id'])
    .where(sql.ref('project_id'), 'is not', null)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('ledger_entries').execute();
  await db.schema.dropTable('ledger_transactions').execute();
  await db.schema.dropTable('ledger_accounts').execute();
}
