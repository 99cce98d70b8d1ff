import { sql, type Kysely } from 'kysely';

/**
 * One table of Idempotency-Keys for every route that takes them, in place of a key column on each
 * resource table. A key belongs to (caller, route): another caller's key, or the caller's own key on
 * another route, is another key. `request_hash` is the SHA-256 of the request's canonical JSON, so
 * a key sent again with a different request is refused instead of silently answering with the
 * first request's result; `resource_id` is what the first request made (a ledger transaction, a
 * payout, a bonus, a batch).
 *
 * Keys recorded before this migration move here without a hash (the requests were not kept):
 * those replay as they did before, for the few minutes a client may still be retrying them.
 */
const ROUTES = {
  sandboxDeposit: 'POST /api/v1/me/deposits',
  manualDeposit: 'POST /api/v1/admin/deposits',
  payout: 'POST /api/v1/me/payouts',
  bonus: 'POST /api/v1/assignments/:id/bonus',
  batch: 'POST /api/v1/projects/:id/batches',
};

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table idempotency_keys (
    caller_id uuid not null references users (id),
    route text not null,
    key text not null,
    request_hash text,
    resource_id uuid,
    created_at timestamptz not null default now(),
    primary key (caller_id, route, key)
  )`.execute(db);

  await sql`insert into idempotency_keys (caller_id, route, key, resource_id, created_at)
    select actor_id,
      case provider when 'manual' then ${ROUTES.manualDeposit} else ${ROUTES.sandboxDeposit} end,
      idempotency_key, id, created_at
    from ledger_transactions
    where idempotency_key is not null and kind = 'deposit' and actor_id is not null
    on conflict do nothing`.execute(db);
  await sql`insert into idempotency_keys (caller_id, route, key, resource_id, created_at)
    select worker_id, ${ROUTES.payout}, idempotency_key, id, requested_at
    from payouts where idempotency_key is not null
    on conflict do nothing`.execute(db);
  await sql`insert into idempotency_keys (caller_id, route, key, resource_id, created_at)
    select requester_id, ${ROUTES.bonus}, idempotency_key, id, created_at
    from bonuses where idempotency_key is not null
    on conflict do nothing`.execute(db);
  // Batch keys were per project; the same key on two of one owner's projects keeps the first.
  await sql`insert into idempotency_keys (caller_id, route, key, resource_id, created_at)
    select p.owner_id, ${ROUTES.batch}, b.idempotency_key, b.id, b.created_at
    from batches b join projects p on p.id = b.project_id
    where b.idempotency_key is not null
    order by b.created_at
    on conflict do nothing`.execute(db);

  for (const table of ['ledger_transactions', 'payouts', 'bonuses', 'batches']) {
    await sql`alter table ${sql.table(table)} drop column idempotency_key`.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['ledger_transactions', 'payouts', 'bonuses', 'batches']) {
    await sql`alter table ${sql.table(table)} add column idempotency_key text`.execute(db);
  }
  const keyOf = (route: string) =>
    sql`(select k.key from idempotency_keys k where k.resource_id = t.id and k.route = ${route})`;
  await sql`update ledger_transactions t set idempotency_key = coalesce(
    ${keyOf(ROUTES.sandboxDeposit)}, ${keyOf(ROUTES.manualDeposit)})`.execute(db);
  await sql`update payouts t set idempotency_key = ${keyOf(ROUTES.payout)}`.execute(db);
  await sql`update bonuses t set idempotency_key = ${keyOf(ROUTES.bonus)}`.execute(db);
  await sql`update batches t set idempotency_key = ${keyOf(ROUTES.batch)}`.execute(db);
  await sql`create unique index ledger_transactions_idempotency_key
    on ledger_transactions (actor_id, idempotency_key) where idempotency_key is not null`.execute(
    db,
  );
  await sql`create unique index payouts_idempotency_key
    on payouts (worker_id, idempotency_key) where idempotency_key is not null`.execute(db);
  await sql`create unique index bonuses_idempotency_key
    on bonuses (requester_id, idempotency_key) where idempotency_key is not null`.execute(db);
  await sql`create unique index batches_idempotency_key
    on batches (project_id, idempotency_key) where idempotency_key is not null`.execute(db);
  await sql`drop table idempotency_keys`.execute(db);
}
