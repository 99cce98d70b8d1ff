import type { Db } from '../../db/database.js';
import { newestFirstPage, type KeysetRequest } from '../../db/pagination.js';

/** The audit records of offline payments administrators recorded, with who was involved. */
export function createManualDepositsRepository(db: Db) {
  function withPeople(trx: Db) {
    return trx
      .selectFrom('manual_deposits as d')
      .innerJoin('users as r', 'r.id', 'd.requester_id')
      .innerJoin('users as b', 'b.id', 'd.recorded_by')
      .select([
        'd.id',
        'd.transaction_id',
        'd.amount_cents',
        'd.reference',
        'd.note',
        'd.recorded_at',
        'r.id as requester_id',
        'r.display_name as requester_name',
        'r.handle as requester_handle',
        'r.email as requester_email',
        'b.id as recorder_id',
        'b.display_name as recorder_name',
        'b.handle as recorder_handle',
        'b.email as recorder_email',
      ]);
  }

  return {
    async insert(
      trx: Db,
      values: {
        transactionId: string;
        requesterId: string;
        amountCents: number;
        reference: string;
        note: string | null;
        recordedBy: string;
        recordedAt: Date;
      },
    ): Promise<string> {
      const row = await trx
        .insertInto('manual_deposits')
        .values({
          transaction_id: values.transactionId,
          requester_id: values.requesterId,
          amount_cents: values.amountCents,
          reference: values.reference,
          note: values.note,
          recorded_by: values.recordedBy,
          recorded_at: values.recordedAt,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },

    /** The deposit that already carries this reference (compared case-insensitively), if any. */
    async findByReference(reference: string, trx: Db = db) {
      return withPeople(trx)
        .where((eb) => eb(eb.fn('lower', ['d.reference']), '=', reference.toLowerCase()))
        .executeTakeFirst();
    },

    async findByTransaction(transactionId: string, trx: Db = db) {
      return withPeople(trx).where('d.transaction_id', '=', transactionId).executeTakeFirst();
    },

    /** Newest first, keyset-paginated on (recorded_at, id). */
    async list(page: KeysetRequest, trx: Db = db) {
      return newestFirstPage(withPeople(trx), ['d.recorded_at', 'd.id'], page).execute();
    },
  };
}

export type ManualDepositsRepository = ReturnType<typeof createManualDepositsRepository>;
export type ManualDepositRow = NonNullable<
  Awaited<ReturnType<ManualDepositsRepository['findByTransaction']>>
>;
