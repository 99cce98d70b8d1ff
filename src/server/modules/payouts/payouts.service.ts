import { formatCents } from '../../../shared/money.js';
import type { Db } from '../../db/database.js';
import { fromCursor, keysetPage, type CursorRequest } from '../../db/pagination.js';
import type { PayoutStatus } from '../../db/types.js';
import { ConflictError, NotFoundError } from '../../errors.js';
import type { Clock } from '../../lib/clock.js';
import type { IdempotencyKeys, IdempotencyScope } from '../idempotency/idempotency.service.js';
import type { AuditService } from '../audit/audit.service.js';
import type { LedgerService } from '../ledger/ledger.service.js';
import { announce, links, type Notify } from '../notifications/notices.js';
import type { PayoutMethodsService } from './payout-methods.service.js';
import type { PayoutRow, PayoutsRepository } from './payouts.repository.js';

/** Payouts are listed newest request first. */
function page<T extends { requested_at: Date; id: string }>(rows: T[], limit: number) {
  return keysetPage(rows, limit, (row) => [row.requested_at, row.id]);
}

/**
 * Payouts through the manual provider. The money leaves the worker's earnings when the payout is
 * requested (worker earnings → external), so it can never be spent twice while an administrator
 * sends it; marking it paid records the reference, and cancelling puts the money back with a
 * `payout_reversal` transaction.
 */
export function createPayoutsService(deps: {
  db: Db;
  payouts: PayoutsRepository;
  ledger: Pick<LedgerService, 'payout' | 'reversePayout'>;
  methods: Pick<PayoutMethodsService, 'requireFor'>;
  clock: Clock;
  minimumCents: number;
  notify?: Notify | undefined;
  idempotency: IdempotencyKeys;
  /** Requests, payments and cancellations of payouts are written to the audit log. */
  audit: Pick<AuditService, 'record'>;
}) {
  const { db, payouts, ledger, clock } = deps;

  /** One audit entry for a payout, in the transaction that changed it. */
  function audited(trx: Db, actorId: string, action: string, row: PayoutRow, details = {}) {
    return deps.audit.record(
      {
        actorId,
        action,
        subjectUserId: row.worker_id,
        target: { type: 'payout', id: row.id },
        details: { amountCents: row.amount_cents, ...details },
        at: clock.now(),
      },
      trx,
    );
  }

  async function requirePayout(id: string): Promise<PayoutRow> {
    const row = await payouts.find(id);
    if (!row) throw new NotFoundError('Payout');
    return row;
  }

  return {
    minimumCents: deps.minimumCents,

    /**
     * All available earnings unless an amount is given, to the worker's payout method (a 409
     * `payout_method_missing` pointing to the settings when there is none). An Idempotency-Key makes retries safe;
     * the key with another amount is refused.
     */
    async request(
      workerId: string,
      amountCents: number | undefined,
      idempotency: IdempotencyScope | undefined,
    ): Promise<{ payout: PayoutRow; replayed: boolean }> {
      const { value, replayed } = await db.transaction().execute((trx) =>
        deps.idempotency.once(
          trx,
          idempotency,
          { amountCents: amountCents ?? null },
          {
            effect: async () => {
              // Copied onto the payout: a change of method afterwards cannot redirect this money.
              const destination = await deps.methods.requireFor(trx, workerId);
              const moved = await ledger.payout(trx, {
                workerId,
                amountCents: amountCents ?? 'all',
                minimumCents: deps.minimumCents,
                memo: 'Payout requested',
              });
              const payout = await payouts.insert(trx, {
                workerId,
                amountCents: moved.amountCents,
                requestedAt: clock.now(),
                requestTransactionId: moved.transactionId,
                destination,
              });
              await audited(trx, workerId, 'payout.requested', payout);
              return payout;
            },
            resourceOf: (payout) => payout.id,
            replay: (payoutId) => payouts.find(payoutId, trx),
          },
        ),
      );
      return { payout: value, replayed };
    },

    async listMine(workerId: string, query: CursorRequest) {
      const rows = await payouts.listForWorker(workerId, fromCursor(query));
      return page(rows, query.limit);
    },

    async listAll(query: {
      status?: PayoutStatus | undefined;
      limit: number;
      cursor?: string | undefined;
    }) {
      const rows = await payouts.listAll({ ...fromCursor(query), status: query.status });
      return page(rows, query.limit);
    },

    /** Records that the money was sent; marking it again with the same reference is a no-op. */
    async markPaid(adminId: string, id: string, reference: string): Promise<PayoutRow> {
      const current = await requirePayout(id);
      if (current.status === 'paid' && current.reference === reference) return current;
      if (current.status !== 'requested') {
        throw new ConflictError(
          `payout_${current.status}`,
          `This payout is already ${current.status}.`,
          { status: current.status },
        );
      }
      const paid = await db.transaction().execute(async (trx) => {
        const row = await payouts.markPaid(trx, { id, reference, now: clock.now(), adminId });
        if (row) {
          await audited(trx, adminId, 'payout.paid', row, { reference });
          await announce(deps.notify, trx, [
            {
              userId: row.worker_id,
              kind: 'payout_paid',
              title: `Payout of ${formatCents(row.amount_cents)} sent`,
              body: `Reference: ${reference}`,
              link: links.earnings,
            },
          ]);
        }
        return row;
      });
      return paid ?? this.markPaid(adminId, id, reference);
    },

    /** Cancels a payout not yet paid and returns its money to the worker's earnings. */
    async cancel(adminId: string, id: string, reason: string | undefined): Promise<PayoutRow> {
      const current = await requirePayout(id);
      if (current.status === 'cancelled') return current;
      if (current.status === 'paid') {
        throw new ConflictError('payout_paid', 'A paid payout cannot be cancelled.', {
          status: current.status,
        });
      }
      const cancelled = await db.transaction().execute(async (trx) => {
        const row = await payouts.markCancelled(trx, {
          id,
          reason: reason ?? null,
          now: clock.now(),
          adminId,
        });
        if (!row) return undefined;
        await audited(trx, adminId, 'payout.cancelled', row, reason ? { reason } : {});
        const transactionId = await ledger.reversePayout(trx, {
          workerId: row.worker_id,
          amountCents: row.amount_cents,
          actorId: adminId,
          memo: `Payout cancelled${reason ? `: ${reason}` : ''}`,
        });
        return payouts.setReversal(trx, row.id, transactionId);
      });
      return cancelled ?? this.cancel(adminId, id, reason);
    },
  };
}

export type PayoutsService = ReturnType<typeof createPayoutsService>;
