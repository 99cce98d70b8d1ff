import type { Selectable, Updateable } from 'kysely';
import type { Db } from '../../db/database.js';
import { newestFirstPage, type KeysetRequest } from '../../db/pagination.js';
import type { PayoutStatus } from '../../db/types.js';
import type { Payouts } from '../../db/schema.js';
import type { PayoutMethodRow } from './payout-methods.repository.js';

export type PayoutRow = Selectable<Payouts>;

/** What an administrator's decision on a requested payout writes. */
type PayoutDecision = Pick<
  Updateable<Payouts>,
  'status' | 'paid_at' | 'reference' | 'cancelled_at' | 'cancel_reason'
>;

/** Decides a payout, only while it is requested (so two decisions cannot both land). */
function decide(trx: Db, id: string, adminId: string, decision: PayoutDecision) {
  return trx
    .updateTable('payouts')
    .set({ ...decision, decided_by: adminId })
    .where('id', '=', id)
    .where('status', '=', 'requested')
    .returningAll()
    .executeTakeFirst();
}

export function createPayoutsRepository(db: Db) {
  return {
    async insert(
      trx: Db,
      values: {
        workerId: string;
        amountCents: number;
        requestedAt: Date;
        requestTransactionId: string;
        destination: PayoutMethodRow;
      },
    ): Promise<PayoutRow> {
      return trx
        .insertInto('payouts')
        .values({
          worker_id: values.workerId,
          amount_cents: values.amountCents,
          requested_at: values.requestedAt,
          request_transaction_id: values.requestTransactionId,
          method: values.destination.method,
          destination: values.destination.destination,
          account_holder: values.destination.account_holder,
          destination_set_at: values.destination.updated_at,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
    },

    async find(id: string, trx: Db = db) {
      return trx.selectFrom('payouts').selectAll().where('id', '=', id).executeTakeFirst();
    },

    async listForWorker(workerId: string, page: KeysetRequest, trx: Db = db) {
      const query = trx.selectFrom('payouts').selectAll().where('worker_id', '=', workerId);
      return newestFirstPage(query, ['requested_at', 'id'], page).execute();
    },

    async listAll(filter: KeysetRequest & { status?: PayoutStatus | undefined }, trx: Db = db) {
      let query = trx
        .selectFrom('payouts as p')
        .innerJoin('users as u', 'u.id', 'p.worker_id')
        .selectAll('p')
        .select(['u.handle', 'u.display_name', 'u.email']);
      if (filter.status) query = query.where('p.status', '=', filter.status);
      return newestFirstPage(query, ['p.requested_at', 'p.id'], filter).execute();
    },

    /** requested → paid, only from requested. */
    markPaid: (trx: Db, args: { id: string; reference: string; now: Date; adminId: string }) =>
      decide(trx, args.id, args.adminId, {
        status: 'paid',
        paid_at: args.now,
        reference: args.reference,
      }),

    /** requested → cancelled, only from requested; the caller then reverses the money. */
    markCancelled: (
      trx: Db,
      args: { id: string; reason: string | null; now: Date; adminId: string },
    ) =>
      decide(trx, args.id, args.adminId, {
        status: 'cancelled',
        cancelled_at: args.now,
        cancel_reason: args.reason,
      }),

    async setReversal(trx: Db, id: string, transactionId: string): Promise<PayoutRow> {
      return trx
        .updateTable('payouts')
        .set({ reversal_transaction_id: transactionId })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow();
    },
  };
}

export type PayoutsRepository = ReturnType<typeof createPayoutsRepository>;
export type AdminPayoutRow = Awaited<ReturnType<PayoutsRepository['listAll']>>[number];
