import { sql, type Kysely } from 'kysely';

/**
 * Review, bonuses, payouts and escrow settlement.
 *
 * `assignments.holds_slot` tells whether an approved assignment occupies one of its task's slots
 * (and was paid from the project's escrow). It is false only for a rejection reversed when the
 * task had no free slot left, or the project was closed: that worker is paid from the requester's
 * available funds instead, and `tasks.live_assignments` counts accepted, submitted and approved
 * assignments that hold a slot.
 *
 * `projects.settled_at` is set once a closed (cancelled or completed) project has nothing left in
 * escrow and nothing outstanding, so the settlement sweep only looks at projects still owing.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('assignments')
    .addColumn('holds_slot', 'boolean', (c) => c.notNull().defaultTo(true))
    .execute();
  // The requester's review list, newest first, with keyset pagination.
  await db.schema
    .createIndex('assignments_project_accepted_idx')
    .on('assignments')
    .columns(['project_id', 'accepted_at', 'id'])
    .execute();
  await db.schema
    .createIndex('assignments_worker_reviewed_idx')
    .on('assignments')
    .columns(['worker_id', 'reviewed_at'])
    .where(sql.ref('status'), '=', 'approved')
    .execute();

  await db.schema
    .alterTable('projects')
    .addColumn('completed_at', 'timestamptz')
    .addColumn('settled_at', 'timestamptz')
    .execute();
  await sql`create index projects_unsettled_idx on projects (id)
    where status in ('cancelled', 'completed') and settled_at is null`.execute(db);

  await db.schema
    .createTable('bonuses')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('assignment_id', 'uuid', (c) => c.notNull().references('assignments.id'))
    .addColumn('project_id', 'uuid', (c) => c.notNull().references('projects.id'))
    .addColumn('requester_id', 'uuid', (c) => c.notNull().references('users.id'))
    .addColumn('worker_id', 'uuid', (c) => c.notNull().references('users.id'))
    .addColumn('amount_cents', 'integer', (c) => c.notNull().check(sql`amount_cents > 0`))
    .addColumn('fee_cents', 'integer', (c) => c.notNull().check(sql`fee_cents >= 0`))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('idempotency_key', 'text')
    .addColumn('ledger_transaction_id', 'uuid', (c) => c.references('ledger_transactions.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await sql`create unique index bonuses_idempotency_key on bonuses (requester_id, idempotency_key)
    where idempotency_key is not null`.execute(db);
  await db.schema
    .createIndex('bonuses_assignment_idx')
    .on('bonuses')
    .column('assignment_id')
    .execute();
  await db.schema
    .createIndex('bonuses_worker_created_idx')
    .on('bonuses')
    .columns(['worker_id', 'created_at'])
    .execute();
  await db.schema.createIndex('bonuses_project_idx').on('bonuses').column('project_id').execute();

  await db.schema
    .createTable('payouts')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('worker_id', 'uuid', (c) => c.notNull().references('users.id'))
    .addColumn('amount_cents', 'integer', (c) => c.notNull().check(sql`amount_cents > 0`))
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('requested')
        .check(sql`status in ('requested', 'paid', 'cancelled')`),
    )
    .addColumn('requested_at', 'timestamptz', (c) => c.notNull())
    .addColumn('paid_at', 'timestamptz')
    .addColumn('cancelled_at', 'timestamptz')
    .addColumn('reference', 'text')
    .addColumn('cancel_reason', 'text')
    .addColumn('decided_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('idempotency_key', 'text')
    .addColumn('request_transaction_id', 'uuid', (c) =>
      c.notNull().references('ledger_transactions.id'),
    )
    .addColumn('reversal_transaction_id', 'uuid', (c) => c.references('ledger_transactions.id'))
    .execute();
  await sql`create unique index payouts_idempotency_key on payouts (worker_id, idempotency_key)
    where idempotency_key is not null`.execute(db);
  await db.schema
    .createIndex('payouts_worker_requested_idx')
    .on('payouts')
    .columns(['worker_id', 'requested_at', 'id'])
    .execute();
  await db.schema
    .createIndex('payouts_status_requested_idx')
    .on('payouts')
    .columns(['status', 'requested_at', 'id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('payouts').execute();
  await db.schema.dropTable('bonuses').execute();
  await sql`drop index projects_unsettled_idx`.execute(db);
  await db.schema
    .alterTable('projects')
    .dropColumn('settled_at')
    .dropColumn('completed_at')
    .execute();
  await sql`drop index assignments_worker_reviewed_idx`.execute(db);
  await sql`drop index assignments_project_accepted_idx`.execute(db);
  await db.schema.alterTable('assignments').dropColumn('holds_slot').execute();
}
