import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import { keyOrderPage } from '../../db/pagination.js';
import type { LedgerAccountKind, LedgerTransactionKind } from '../../db/types.js';

const SYSTEM_KINDS: ReadonlySet<LedgerAccountKind> = new Set(['platform_fees', 'external']);

export type PostedEntry = { accountId: string; amountCents: number; projectId?: string | null };

export type NewLedgerTransaction = {
  kind: LedgerTransactionKind;
  memo: string;
  projectId?: string | null;
  assignmentId?: string | null;
  actorId?: string | null;
  provider?: string | null;
  externalReference?: string | null;
  entries: PostedEntry[];
};

/**
 * Writes balanced transactions with their entries, then moves the cached balances of user-owned
 * accounts (the platform's own are summed from entries), one update per account in id order.
 */
async function append(trx: Db, posted: { id: string; tx: NewLedgerTransaction }[]) {
  if (!posted.length) return;
  for (const { tx } of posted) {
    const sum = tx.entries.reduce((total, e) => total + e.amountCents, 0);
    if (sum !== 0 || tx.entries.some((e) => !Number.isSafeInteger(e.amountCents))) {
      throw new Error(`Unbalanced ledger transaction (${tx.kind}, sum ${sum})`);
    }
  }
  await trx
    .insertInto('ledger_transactions')
    .values(
      posted.map(({ id, tx }) => ({
        id,
        kind: tx.kind,
        memo: tx.memo,
        project_id: tx.projectId ?? null,
        assignment_id: tx.assignmentId ?? null,
        actor_id: tx.actorId ?? null,
        provider: tx.provider ?? null,
        external_reference: tx.externalReference ?? null,
      })),
    )
    .execute();
  const entries = posted.flatMap(({ id, tx }) =>
    tx.entries
      .filter((e) => e.amountCents !== 0)
      .map((e) => ({
        transaction_id: id,
        account_id: e.accountId,
        amount_cents: e.amountCents,
        project_id: e.projectId ?? null,
      })),
  );
  await trx.insertInto('ledger_entries').values(entries).execute();
  const byAccount = new Map<string, number>();
  for (const e of entries)
    byAccount.set(e.account_id, (byAccount.get(e.account_id) ?? 0) + e.amount_cents);
  for (const [accountId, delta] of [...byAccount].sort(([a], [b]) => a.localeCompare(b))) {
    if (delta === 0) continue;
    await trx
      .updateTable('ledger_accounts')
      .set({ balance_cents: sql<number>`balance_cents + ${delta}` })
      .where('id', '=', accountId)
      .where('user_id', 'is not', null)
      .execute();
  }
}

export function createLedgerRepository(db: Db) {
  return {
    /** The account's id, created on first use. */
    async accountId(trx: Db, userId: string | null, kind: LedgerAccountKind): Promise<string> {
      const find = () =>
        trx
          .selectFrom('ledger_accounts')
          .select('id')
          .where('kind', '=', kind)
          .where((eb) =>
            userId === null ? eb('user_id', 'is', null) : eb('user_id', '=', userId),
          );
      const existing = await find().executeTakeFirst();
      if (existing) return existing.id;
      await sql`insert into ledger_accounts (user_id, kind) values (${userId}, ${kind}) on conflict do nothing`.execute(
        trx,
      );
      // Ours or a concurrent first use's: the conflict left exactly one.
      const created = await find().executeTakeFirstOrThrow();
      return created.id;
    },

    /**
     * Many accounts' ids at once, each created on first use, keyed by `accountKey(userId, kind)`.
     * Used by set-based payments (bulk review, the auto-approval sweep).
     */
    async accountIds(
      trx: Db,
      wanted: { userId: string | null; kind: LedgerAccountKind }[],
    ): Promise<Map<string, string>> {
      const owned = [
        ...new Map(
          wanted.flatMap(({ userId, kind }) =>
            userId === null ? [] : [[accountKey(userId, kind), { userId, kind }] as const],
          ),
        ).values(),
      ];
      if (owned.length) {
        await trx
          .insertInto('ledger_accounts')
          .values(
            // In one order everywhere, so two first-time payments cannot deadlock on the index.
            owned
              .sort((a, b) =>
                accountKey(a.userId, a.kind).localeCompare(accountKey(b.userId, b.kind)),
              )
              .map((w) => ({ user_id: w.userId, kind: w.kind })),
          )
          .onConflict((oc) => oc.doNothing())
          .execute();
      }
      // The platform's own accounts always exist (the ledger migration creates them).
      const rows = await trx
        .selectFrom('ledger_accounts')
        .select(['id', 'user_id', 'kind'])
        .where((eb) =>
          eb.or([
            eb('user_id', 'is', null),
            ...(owned.length
              ? [eb('user_id', 'in', [...new Set(owned.map((w) => w.userId))])]
              : []),
          ]),
        )
        .execute();
      return new Map(rows.map((row) => [accountKey(row.user_id, row.kind), row.id]));
    },

    /**
     * Locks the user-owned accounts in id order (one global order, so two transactions can never
     * wait on each other in a cycle) and returns their cached balances.
     */
    async lockBalances(trx: Db, accountIds: string[]): Promise<Map<string, number>> {
      const ids = [...new Set(accountIds)].sort();
      if (!ids.length) return new Map();
      const rows = await trx
        .selectFrom('ledger_accounts')
        .select(['id', 'balance_cents'])
        .where('id', 'in', ids)
        .where('user_id', 'is not', null)
        .orderBy('id')
        .forUpdate()
        .execute();
      return new Map(rows.map((r) => [r.id, Number(r.balance_cents)]));
    },

    /** Appends a balanced transaction and moves the cached balances of user-owned accounts. */
    async post(trx: Db, tx: NewLedgerTransaction): Promise<string> {
      const id = randomUUID();
      await append(trx, [{ id, tx }]);
      return id;
    },

    /**
     * Appends many balanced transactions in a few statements (one per table, then one balance
     * update per account, in id order).
     */
    async postMany(trx: Db, txs: NewLedgerTransaction[]): Promise<string[]> {
      const posted = txs.map((tx) => ({ id: randomUUID(), tx }));
      await append(trx, posted);
      return posted.map(({ id }) => id);
    },

    async balances(
      userId: string,
      trx: Db = db,
    ): Promise<Partial<Record<LedgerAccountKind, number>>> {
      const rows = await trx
        .selectFrom('ledger_accounts')
        .select(['kind', 'balance_cents'])
        .where('user_id', '=', userId)
        .execute();
      return Object.fromEntries(rows.map((r) => [r.kind, Number(r.balance_cents)]));
    },

    /** What is still in escrow for one project: the sum of its entries on escrow accounts. */
    async projectEscrowCents(projectId: string, trx: Db = db): Promise<number> {
      const row = await trx
        .selectFrom('ledger_entries')
        .innerJoin('ledger_accounts', 'ledger_accounts.id', 'ledger_entries.account_id')
        .select((eb) =>
          eb.fn
            .coalesce(eb.fn.sum<number>('ledger_entries.amount_cents'), sql<number>`0`)
            .as('cents'),
        )
        .where('ledger_entries.project_id', '=', projectId)
        .where('ledger_accounts.kind', '=', 'requester_escrow')
        .executeTakeFirstOrThrow();
      return Number(row.cents);
    },

    /** A user's own entries, newest first (entry ids only grow), with their transaction. */
    async history(
      userId: string,
      page: { limit: number; beforeEntryId?: number | undefined },
      trx: Db = db,
    ) {
      const query = trx
        .selectFrom('ledger_entries as e')
        .innerJoin('ledger_accounts as a', 'a.id', 'e.account_id')
        .innerJoin('ledger_transactions as t', 't.id', 'e.transaction_id')
        .select([
          'e.id as entry_id',
          't.id as transaction_id',
          't.kind',
          't.memo',
          't.project_id',
          't.assignment_id',
          'a.kind as account',
          't.external_reference',
          'e.amount_cents',
          'e.created_at',
        ])
        .where('a.user_id', '=', userId);
      return keyOrderPage(query, 'e.id', 'desc', {
        limit: page.limit,
        after: page.beforeEntryId,
      }).execute();
    },

    isSystemKind: (kind: LedgerAccountKind) => SYSTEM_KINDS.has(kind),
  };
}

export type LedgerRepository = ReturnType<typeof createLedgerRepository>;

export function accountKey(userId: string | null, kind: LedgerAccountKind): string {
  return `${userId ?? 'platform'}:${kind}`;
}
