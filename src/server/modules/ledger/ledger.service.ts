import { platformFeeCents } from '../../../shared/money.js';
import type { Db } from '../../db/database.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../errors.js';
import type { LedgerRepository } from './ledger.repository.js';

/** Where money comes from: test credit, or an offline payment an admin records. */
export type DepositProvider = 'sandbox' | 'manual';

export function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: string }).code === '23505';
}

export function createLedgerService(deps: {
  db: Db;
  ledger: LedgerRepository;
  accounts: { findUserById(id: string): Promise<{ id: string; roles: string[] } | undefined> };
  feePercent: number;
  paymentsSandbox: boolean;
}) {
  const { db, ledger } = deps;

  async function balance(userId: string, trx: Db = db) {
    const b = await ledger.balances(userId, trx);
    return { availableCents: b.requester_available ?? 0, escrowCents: b.requester_escrow ?? 0 };
  }

  return {
    feePercent: deps.feePercent,
    paymentsSandbox: deps.paymentsSandbox,
    feeFor: (amountCents: number) => platformFeeCents(amountCents, deps.feePercent),
    balance,

    /**
     * Money entering the platform: external → requester available. With an idempotency key a
     * retried request returns the first deposit instead of paying twice.
     */
    async deposit(input: {
      userId: string;
      amountCents: number;
      provider: DepositProvider;
      actorId: string;
      externalReference?: string | undefined;
      idempotencyKey?: string | undefined;
    }) {
      if (input.provider === 'sandbox' && !deps.paymentsSandbox) {
        throw new ForbiddenError(
          'Sandbox deposits are turned off on this server. Ask an administrator to record your payment.',
          'sandbox_disabled',
        );
      }
      const user = await deps.accounts.findUserById(input.userId);
      if (!user) throw new NotFoundError('User');
      if (!user.roles.includes('requester')) {
        throw new ConflictError('not_a_requester', 'Only requester accounts hold funds to spend.');
      }
      const run = () =>
        db.transaction().execute(async (trx) => {
          if (input.idempotencyKey) {
            const previous = await ledger.findByIdempotencyKey(
              trx,
              input.actorId,
              input.idempotencyKey,
            );
            if (previous) return { transactionId: previous.id, replayed: true };
          }
          const external = await ledger.accountId(trx, null, 'external');
          const available = await ledger.accountId(trx, input.userId, 'requester_available');
          await ledger.lockBalances(trx, [available]);
          const transactionId = await ledger.post(trx, {
            kind: 'deposit',
            memo:
              input.provider === 'sandbox'
                ? 'Sandbox test credit'
                : 'Payment recorded by an administrator',
            provider: input.provider,
            actorId: input.actorId,
            externalReference: input.externalReference ?? null,
            idempotencyKey: input.idempotencyKey ?? null,
            entries: [
              { accountId: external, amountCents: -input.amountCents },
              { accountId: available, amountCents: input.amountCents },
            ],
          });
          return { transactionId, replayed: false };
        });
      let result: { transactionId: string; replayed: boolean };
      try {
        result = await run();
      } catch (error) {
        // Two concurrent retries with one key: the loser finds the winner's deposit.
        if (input.idempotencyKey && isUniqueViolation(error)) result = await run();
        else throw error;
      }
      return { ...result, balance: await balance(input.userId) };
    },

    /** available → escrow for a project, inside the caller's transaction; all or nothing. */
    async escrowForProject(
      trx: Db,
      args: { requesterId: string; projectId: string; amountCents: number; memo: string },
    ): Promise<void> {
      if (args.amountCents <= 0) return;
      const available = await ledger.accountId(trx, args.requesterId, 'requester_available');
      const escrow = await ledger.accountId(trx, args.requesterId, 'requester_escrow');
      const balances = await ledger.lockBalances(trx, [available, escrow]);
      const availableCents = balances.get(available) ?? 0;
      if (availableCents < args.amountCents) {
        throw new ConflictError(
          'insufficient_funds',
          `This needs ${args.amountCents} cents in escrow but only ${availableCents} cents are available. Add funds first.`,
          { neededCents: args.amountCents, availableCents },
        );
      }
      await ledger.post(trx, {
        kind: 'escrow',
        memo: args.memo,
        projectId: args.projectId,
        actorId: args.requesterId,
        entries: [
          { accountId: available, amountCents: -args.amountCents },
          { accountId: escrow, amountCents: args.amountCents, projectId: args.projectId },
        ],
      });
    },

    /** Returns whatever a project still holds in escrow to the requester's available funds. */
    async releaseProjectEscrow(
      trx: Db,
      args: { requesterId: string; projectId: string; memo: string },
    ): Promise<number> {
      const available = await ledger.accountId(trx, args.requesterId, 'requester_available');
      const escrow = await ledger.accountId(trx, args.requesterId, 'requester_escrow');
      await ledger.lockBalances(trx, [available, escrow]);
      const cents = await ledger.projectEscrowCents(args.projectId, trx);
      if (cents <= 0) return 0;
      await ledger.post(trx, {
        kind: 'release',
        memo: args.memo,
        projectId: args.projectId,
        actorId: args.requesterId,
        entries: [
          { accountId: escrow, amountCents: -cents, projectId: args.projectId },
          { accountId: available, amountCents: cents },
        ],
      });
      return cents;
    },

    projectEscrowCents: (projectId: string, trx?: Db) => ledger.projectEscrowCents(projectId, trx),

    async history(userId: string, page: { limit: number; cursor?: string | undefined }) {
      const beforeEntryId = page.cursor ? decodeEntryCursor(page.cursor) : undefined;
      const rows = await ledger.history(userId, { limit: page.limit, beforeEntryId });
      const items = rows.slice(0, page.limit);
      const last = items[items.length - 1];
      return {
        items,
        nextCursor:
          rows.length > page.limit && last ? encodeEntryCursor(Number(last.entry_id)) : null,
      };
    },
  };
}

function encodeEntryCursor(entryId: number): string {
  return Buffer.from(`e:${entryId}`).toString('base64url');
}

function decodeEntryCursor(cursor: string): number {
  const match = /^e:(\d{1,18})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match?.[1]) {
    throw new ValidationError('cursor: is not a cursor this API returned', [
      { path: 'querystring.cursor', message: 'is invalid' },
    ]);
  }
  return Number(match[1]);
}

export type LedgerService = ReturnType<typeof createLedgerService>;
