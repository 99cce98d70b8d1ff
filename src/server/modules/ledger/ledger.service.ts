import { platformFeeCents } from '../../../shared/money.js';
import type { Db } from '../../db/database.js';
import { counterCursor, pageOf, type CursorRequest } from '../../db/pagination.js';
import type { LedgerAccountKind } from '../../db/types.js';
import { ConflictError, ForbiddenError, NotFoundError } from '../../errors.js';
import type { Clock } from '../../lib/clock.js';
import type { AuditService } from '../audit/audit.service.js';
import type { IdempotencyKeys, IdempotencyScope } from '../idempotency/idempotency.service.js';
import {
  accountKey,
  type LedgerRepository,
  type NewLedgerTransaction,
} from './ledger.repository.js';

/**
 * One approved assignment's pay: reward to the worker and the fee to the platform, from the
 * project's escrow (the slot's money) or, for a rejection reversed without a free slot, from the
 * requester's available funds.
 */
export type AssignmentPayment = {
  assignmentId: string;
  projectId: string;
  requesterId: string;
  workerId: string;
  rewardCents: number;
  source: 'escrow' | 'available';
  actorId: string | null;
  memo: string;
  /**
   * A `topUpToFloor` project's part: `cents` paid to the worker (with its fee) as a top-up, and
   * the slot's reserve for it (`reserveCents`, with its fee) released from escrow when paid from
   * there, less what the top-up used. Absent: no reserve, no top-up.
   */
  topUp?: { cents: number; reserveCents: number } | undefined;
};

/** Where money comes from: test credit, or an offline payment an admin records. */
export type DepositProvider = 'sandbox' | 'manual';

export function createLedgerService(deps: {
  db: Db;
  ledger: LedgerRepository;
  accounts: { findUserById(id: string): Promise<{ id: string; roles: string[] } | undefined> };
  feePercent: number;
  paymentsSandbox: boolean;
  idempotency: IdempotencyKeys;
  /** Deposits are written to the audit log, in their transaction. */
  audit: Pick<AuditService, 'record'>;
  clock: Clock;
}) {
  const { db, ledger } = deps;

  async function balance(userId: string, trx: Db = db) {
    const b = await ledger.balances(userId, trx);
    return { availableCents: b.requester_available ?? 0, escrowCents: b.requester_escrow ?? 0 };
  }

  /** Money is only deposited into a requester's funds: 404 for nobody, 409 for another role. */
  async function requireRequester(userId: string) {
    const user = await deps.accounts.findUserById(userId);
    if (!user) throw new NotFoundError('User');
    if (!user.roles.includes('requester')) {
      throw new ConflictError('not_a_requester', 'Only requester accounts hold funds to spend.');
    }
    return user;
  }

  /** A requester's available and escrow accounts, locked before money moves between them. */
  async function lockFunds(trx: Db, requesterId: string) {
    const available = await ledger.accountId(trx, requesterId, 'requester_available');
    const escrow = await ledger.accountId(trx, requesterId, 'requester_escrow');
    const balances = await ledger.lockBalances(trx, [available, escrow]);
    return { available, escrow, availableCents: balances.get(available) ?? 0 };
  }

  /** A project's escrow back to its requester's available funds, in accounts `lockFunds` holds. */
  function postRelease(
    trx: Db,
    funds: { available: string; escrow: string },
    args: { requesterId: string; projectId: string; amountCents: number; memo: string },
  ) {
    return ledger.post(trx, {
      kind: 'release',
      memo: args.memo,
      projectId: args.projectId,
      actorId: args.requesterId,
      entries: [
        { accountId: funds.escrow, amountCents: -args.amountCents, projectId: args.projectId },
        { accountId: funds.available, amountCents: args.amountCents },
      ],
    });
  }

  /** Money entering the platform (external → requester available), in the caller's transaction. */
  async function postDeposit(
    trx: Db,
    input: {
      userId: string;
      amountCents: number;
      provider: DepositProvider;
      actorId: string;
      externalReference?: string | undefined;
    },
  ): Promise<string> {
    const external = await ledger.accountId(trx, null, 'external');
    const available = await ledger.accountId(trx, input.userId, 'requester_available');
    await ledger.lockBalances(trx, [available]);
    return ledger.post(trx, {
      kind: 'deposit',
      memo:
        input.provider === 'sandbox'
          ? 'Sandbox test credit'
          : 'Payment recorded by an administrator',
      provider: input.provider,
      actorId: input.actorId,
      externalReference: input.externalReference ?? null,
      entries: [
        { accountId: external, amountCents: -input.amountCents },
        { accountId: available, amountCents: input.amountCents },
      ],
    });
  }

  return {
    feePercent: deps.feePercent,
    paymentsSandbox: deps.paymentsSandbox,
    feeFor: (amountCents: number) => platformFeeCents(amountCents, deps.feePercent),
    balance,

    /**
     * Money entering the platform: external → requester available. With an Idempotency-Key a
     * retried request returns the first deposit instead of paying twice; the key with another
     * amount, user or reference is refused. This is sandbox credit for requesters and credit the
     * CLI's seeding and tests give; an administrator's record of an offline payment goes through
     * the manual deposits service, which keeps its audit record.
     */
    async deposit(input: {
      userId: string;
      amountCents: number;
      provider: DepositProvider;
      actorId: string;
      externalReference?: string | undefined;
      idempotency?: IdempotencyScope | undefined;
    }) {
      if (input.provider === 'sandbox' && !deps.paymentsSandbox) {
        throw new ForbiddenError(
          'Sandbox deposits are turned off on this server. Ask an administrator to record your payment.',
          'sandbox_disabled',
        );
      }
      await requireRequester(input.userId);
      const request = {
        userId: input.userId,
        amountCents: input.amountCents,
        provider: input.provider,
        externalReference: input.externalReference ?? null,
      };
      const result = await db.transaction().execute((trx) =>
        deps.idempotency.once(trx, input.idempotency, request, {
          effect: async () => {
            const transactionId = await postDeposit(trx, input);
            await deps.audit.record(
              {
                actorId: input.actorId,
                action: 'funds.deposited',
                subjectUserId: input.userId,
                target: { type: 'ledger_transaction', id: transactionId },
                details: { amountCents: input.amountCents, provider: input.provider },
                at: deps.clock.now(),
              },
              trx,
            );
            return transactionId;
          },
          resourceOf: (transactionId) => transactionId,
          replay: async (transactionId) => transactionId,
        }),
      );
      return {
        transactionId: result.value,
        replayed: result.replayed,
        balance: await balance(input.userId),
      };
    },

    requireRequester,
    postDeposit,

    /** available → escrow for a project, inside the caller's transaction; all or nothing. */
    async escrowForProject(
      trx: Db,
      args: { requesterId: string; projectId: string; amountCents: number; memo: string },
    ): Promise<void> {
      if (args.amountCents <= 0) return;
      const { available, escrow, availableCents } = await lockFunds(trx, args.requesterId);
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
      const funds = await lockFunds(trx, args.requesterId);
      const cents = await ledger.projectEscrowCents(args.projectId, trx);
      if (cents <= 0) return 0;
      await postRelease(trx, funds, { ...args, amountCents: cents });
      return cents;
    },

    projectEscrowCents: (projectId: string, trx?: Db) => ledger.projectEscrowCents(projectId, trx),

    /** What a project holds in escrow, read after locking its requester's accounts. */
    async lockProjectEscrow(trx: Db, requesterId: string, projectId: string): Promise<number> {
      await lockFunds(trx, requesterId);
      return ledger.projectEscrowCents(projectId, trx);
    },

    /**
     * Pays approved assignments inside the caller's transaction, which already holds their rows.
     * Accounts are locked in id order before their balances are checked. Short available funds
     * are a 409; short escrow means the ledger's invariant broke, so it fails loudly instead.
     */
    async payAssignments(trx: Db, payments: AssignmentPayment[]): Promise<string[]> {
      if (!payments.length) return [];
      const fee = (cents: number) => platformFeeCents(cents, deps.feePercent);
      const sourceKind = (p: AssignmentPayment): LedgerAccountKind =>
        p.source === 'escrow' ? 'requester_escrow' : 'requester_available';
      const ids = await ledger.accountIds(trx, [
        { userId: null, kind: 'platform_fees' },
        ...payments.flatMap((p) => [
          { userId: p.requesterId, kind: sourceKind(p) },
          { userId: p.requesterId, kind: 'requester_available' as const },
          { userId: p.workerId, kind: 'worker_earnings' as const },
          // Where an unused top-up reserve goes back to.
          ...(p.topUp ? [{ userId: p.requesterId, kind: 'requester_available' as const }] : []),
        ]),
      ]);
      const id = (userId: string | null, kind: LedgerAccountKind) => {
        const found = ids.get(accountKey(userId, kind));
        // accountIds creates every account it is asked for: one missing means the ledger broke.
        if (found === undefined) throw new Error(`No ledger account ${accountKey(userId, kind)}`);
        return found;
      };
      const fees = id(null, 'platform_fees');
      // The requester's available funds are locked with the rest, in one id-ordered statement,
      // though only a reversal pays from them: the same transaction may then return escrow
      // (adaptive overlap settling a task), and taking that lock later could deadlock with a
      // publish that holds it and waits for the escrow account.
      const balances = await ledger.lockBalances(
        trx,
        payments.flatMap((p) => [
          id(p.requesterId, sourceKind(p)),
          id(p.requesterId, 'requester_available'),
          id(p.workerId, 'worker_earnings'),
          ...(p.topUp ? [id(p.requesterId, 'requester_available')] : []),
        ]),
      );
      // From escrow, a slot gives up its whole reserve (the top-up, the rest released); from
      // available funds, only the top-up is taken.
      const topUpCents = (p: AssignmentPayment) =>
        p.topUp ? p.topUp.cents + fee(p.topUp.cents) : 0;
      const reserveCents = (p: AssignmentPayment) =>
        p.topUp ? p.topUp.reserveCents + fee(p.topUp.reserveCents) : 0;
      const needed = new Map<string, { cents: number; payment: AssignmentPayment }>();
      for (const p of payments) {
        const from = id(p.requesterId, sourceKind(p));
        const cents =
          p.rewardCents +
          fee(p.rewardCents) +
          (p.source === 'escrow' ? reserveCents(p) : topUpCents(p));
        needed.set(from, { cents: (needed.get(from)?.cents ?? 0) + cents, payment: p });
      }
      for (const [accountId, { cents, payment }] of needed) {
        const availableCents = balances.get(accountId) ?? 0;
        if (availableCents >= cents) continue;
        if (payment.source === 'escrow') {
          throw new Error(`Escrow of requester ${payment.requesterId} cannot cover ${cents} cents`);
        }
        throw new ConflictError(
          'insufficient_funds',
          `This needs ${cents} cents but only ${availableCents} cents are available. Add funds first.`,
          { neededCents: cents, availableCents },
        );
      }
      return ledger.postMany(
        trx,
        payments.flatMap((p) => {
          const from = {
            accountId: id(p.requesterId, sourceKind(p)),
            projectId: p.source === 'escrow' ? p.projectId : null,
          };
          const common = {
            projectId: p.projectId,
            assignmentId: p.assignmentId,
            actorId: p.actorId,
          };
          const transactions: NewLedgerTransaction[] = [
            {
              ...common,
              kind: 'payment',
              memo: p.memo,
              entries: [
                { ...from, amountCents: -(p.rewardCents + fee(p.rewardCents)) },
                { accountId: id(p.workerId, 'worker_earnings'), amountCents: p.rewardCents },
                { accountId: fees, amountCents: fee(p.rewardCents) },
              ],
            },
          ];
          if (p.topUp && p.topUp.cents > 0) {
            transactions.push({
              ...common,
              kind: 'top_up',
              memo: `Top-up to the pay floor: ${p.memo}`,
              entries: [
                { ...from, amountCents: -topUpCents(p) },
                { accountId: id(p.workerId, 'worker_earnings'), amountCents: p.topUp.cents },
                { accountId: fees, amountCents: fee(p.topUp.cents) },
              ],
            });
          }
          const unused = p.source === 'escrow' ? reserveCents(p) - topUpCents(p) : 0;
          if (unused > 0) {
            transactions.push({
              ...common,
              kind: 'release',
              memo: `Unused pay-floor top-up reserve: ${p.memo}`,
              entries: [
                { ...from, amountCents: -unused },
                { accountId: id(p.requesterId, 'requester_available'), amountCents: unused },
              ],
            });
          }
          return transactions;
        }),
      );
    },

    /** Returns part of a project's escrow to the requester's available funds. */
    async releaseEscrow(
      trx: Db,
      args: { requesterId: string; projectId: string; amountCents: number; memo: string },
    ): Promise<void> {
      if (args.amountCents <= 0) return;
      await postRelease(trx, await lockFunds(trx, args.requesterId), args);
    },

    /** A bonus: requester available → worker earnings, plus the platform's fee on top. */
    async payBonus(
      trx: Db,
      args: {
        requesterId: string;
        workerId: string;
        projectId: string;
        assignmentId: string;
        amountCents: number;
        memo: string;
      },
    ): Promise<{ transactionId: string; feeCents: number }> {
      const feeCents = platformFeeCents(args.amountCents, deps.feePercent);
      const fees = await ledger.accountId(trx, null, 'platform_fees');
      const available = await ledger.accountId(trx, args.requesterId, 'requester_available');
      const earnings = await ledger.accountId(trx, args.workerId, 'worker_earnings');
      const balances = await ledger.lockBalances(trx, [available, earnings]);
      const neededCents = args.amountCents + feeCents;
      const availableCents = balances.get(available) ?? 0;
      if (availableCents < neededCents) {
        throw new ConflictError(
          'insufficient_funds',
          `This bonus needs ${neededCents} cents (with the platform fee) but only ${availableCents} cents are available. Add funds first.`,
          { neededCents, availableCents },
        );
      }
      const transactionId = await ledger.post(trx, {
        kind: 'bonus',
        memo: args.memo,
        projectId: args.projectId,
        assignmentId: args.assignmentId,
        actorId: args.requesterId,
        entries: [
          { accountId: available, amountCents: -neededCents },
          { accountId: earnings, amountCents: args.amountCents },
          { accountId: fees, amountCents: feeCents },
        ],
      });
      return { transactionId, feeCents };
    },

    /** A worker's earnings leave the platform (worker earnings → external). */
    async payout(
      trx: Db,
      args: { workerId: string; amountCents: number | 'all'; minimumCents: number; memo: string },
    ): Promise<{ transactionId: string; amountCents: number }> {
      const external = await ledger.accountId(trx, null, 'external');
      const earnings = await ledger.accountId(trx, args.workerId, 'worker_earnings');
      const balances = await ledger.lockBalances(trx, [earnings]);
      const availableCents = balances.get(earnings) ?? 0;
      const amountCents = args.amountCents === 'all' ? availableCents : args.amountCents;
      if (amountCents > availableCents) {
        throw new ConflictError(
          'insufficient_funds',
          `You asked for ${amountCents} cents but only ${availableCents} cents are available.`,
          { neededCents: amountCents, availableCents },
        );
      }
      if (amountCents < args.minimumCents) {
        throw new ConflictError(
          'below_minimum',
          `Payouts start at ${args.minimumCents} cents; ${amountCents} cents is less.`,
          { minimumCents: args.minimumCents, availableCents },
        );
      }
      const transactionId = await ledger.post(trx, {
        kind: 'payout',
        memo: args.memo,
        actorId: args.workerId,
        entries: [
          { accountId: earnings, amountCents: -amountCents },
          { accountId: external, amountCents },
        ],
      });
      return { transactionId, amountCents };
    },

    /** Puts a cancelled payout's money back into the worker's earnings. */
    async reversePayout(
      trx: Db,
      args: { workerId: string; amountCents: number; actorId: string; memo: string },
    ): Promise<string> {
      const external = await ledger.accountId(trx, null, 'external');
      const earnings = await ledger.accountId(trx, args.workerId, 'worker_earnings');
      await ledger.lockBalances(trx, [earnings]);
      return ledger.post(trx, {
        kind: 'payout_reversal',
        memo: args.memo,
        actorId: args.actorId,
        entries: [
          { accountId: external, amountCents: -args.amountCents },
          { accountId: earnings, amountCents: args.amountCents },
        ],
      });
    },

    async earningsCents(workerId: string, trx: Db = db): Promise<number> {
      return (await ledger.balances(workerId, trx)).worker_earnings ?? 0;
    },

    async history(userId: string, page: CursorRequest) {
      const beforeEntryId = entryCursor.decode(page.cursor);
      const rows = await ledger.history(userId, { limit: page.limit, beforeEntryId });
      return pageOf(rows, page.limit, (last) => entryCursor.encode(Number(last.entry_id)));
    },
  };
}

/** History is newest entry first: the cursor is the last entry's id. */
const entryCursor = counterCursor('e', 18);

export type LedgerService = ReturnType<typeof createLedgerService>;
