import { formatCents } from '../../../shared/money.js';
import type { Db } from '../../db/database.js';
import { fromCursor, keysetPage, type CursorRequest } from '../../db/pagination.js';
import { isUniqueViolation } from '../../db/pg-errors.js';
import { ConflictError } from '../../errors.js';
import type { Clock } from '../../lib/clock.js';
import type { IdempotencyKeys, IdempotencyScope } from '../idempotency/idempotency.service.js';
import type { AuditService } from '../audit/audit.service.js';
import type { LedgerService } from './ledger.service.js';
import type { ManualDepositRow, ManualDepositsRepository } from './manual-deposits.repository.js';

const REFERENCE_INDEX = 'manual_deposits_reference_key';

function duplicateReference(reference: string, earlier: ManualDepositRow | undefined) {
  const when = earlier ? ` on ${earlier.recorded_at.toISOString().slice(0, 10)}` : '';
  const what = earlier
    ? ` (${formatCents(earlier.amount_cents)} for ${earlier.requester_name})`
    : '';
  return new ConflictError(
    'duplicate_reference',
    `The reference "${reference}" was already recorded${when}${what}. Each payment is recorded once; if this is another payment, give it its own reference (e.g. "${reference} part 2").`,
    earlier
      ? {
          depositId: earlier.id,
          transactionId: earlier.transaction_id,
          requesterId: earlier.requester_id,
        }
      : undefined,
  );
}

/**
 * Offline payments (bank transfers, paid invoices) an administrator records into a requester's
 * funds. Each is one ledger deposit (provider `manual`, the reference on the transaction, so the
 * requester sees it on their ledger line) plus an audit record of who recorded it, when, and an
 * internal note, written in the same transaction.
 */
export function createManualDepositsService(deps: {
  db: Db;
  deposits: ManualDepositsRepository;
  ledger: Pick<LedgerService, 'requireRequester' | 'postDeposit' | 'balance'>;
  clock: Clock;
  idempotency: IdempotencyKeys;
  audit: Pick<AuditService, 'record'>;
}) {
  const { db, deposits, ledger, clock } = deps;

  return {
    /**
     * With an Idempotency-Key a retried request answers with the first deposit; without one, or
     * with a new key, a reference already recorded is a 409 `duplicate_reference` and nothing
     * changes.
     */
    async record(input: {
      adminId: string;
      userId: string;
      amountCents: number;
      reference: string;
      note?: string | undefined;
      idempotency?: IdempotencyScope | undefined;
    }) {
      await ledger.requireRequester(input.userId);
      const note = input.note ? input.note : null;
      const request = {
        userId: input.userId,
        amountCents: input.amountCents,
        provider: 'manual',
        externalReference: input.reference,
        note,
      };
      let result;
      try {
        result = await db.transaction().execute((trx) =>
          deps.idempotency.once(trx, input.idempotency, request, {
            effect: async () => {
              const earlier = await deposits.findByReference(input.reference, trx);
              if (earlier) throw duplicateReference(input.reference, earlier);
              const transactionId = await ledger.postDeposit(trx, {
                userId: input.userId,
                amountCents: input.amountCents,
                provider: 'manual',
                actorId: input.adminId,
                externalReference: input.reference,
              });
              await deposits.insert(trx, {
                transactionId,
                requesterId: input.userId,
                amountCents: input.amountCents,
                reference: input.reference,
                note,
                recordedBy: input.adminId,
                recordedAt: clock.now(),
              });
              await deps.audit.record(
                {
                  actorId: input.adminId,
                  action: 'funds.deposit_recorded',
                  subjectUserId: input.userId,
                  target: { type: 'ledger_transaction', id: transactionId },
                  details: { amountCents: input.amountCents, reference: input.reference },
                  at: clock.now(),
                },
                trx,
              );
              return transactionId;
            },
            resourceOf: (transactionId) => transactionId,
            replay: async (transactionId) => transactionId,
          }),
        );
      } catch (error) {
        // Two administrators recording the same payment at once: the index lets one through.
        if (!isUniqueViolation(error, REFERENCE_INDEX)) throw error;
        throw duplicateReference(input.reference, await deposits.findByReference(input.reference));
      }
      const deposit = await deposits.findByTransaction(result.value);
      if (!deposit) throw new Error(`Manual deposit of transaction ${result.value} is missing`);
      return {
        transactionId: result.value,
        replayed: result.replayed,
        deposit,
        balance: await ledger.balance(input.userId),
      };
    },

    async list(query: CursorRequest) {
      const rows = await deposits.list(fromCursor(query));
      return keysetPage(rows, query.limit, (row) => [row.recorded_at, row.id]);
    },
  };
}

export type ManualDepositsService = ReturnType<typeof createManualDepositsService>;
