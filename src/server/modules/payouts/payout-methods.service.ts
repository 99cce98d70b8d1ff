import type { z } from 'zod';
import type { payoutMethodBodySchema } from '../../../shared/api/payout-methods.js';
import type { Db } from '../../db/database.js';
import { ConflictError } from '../../errors.js';
import type { Clock } from '../../lib/clock.js';
import type { PayoutMethodRow, PayoutMethodsRepository } from './payout-methods.repository.js';

type PayoutMethodInput = z.output<typeof payoutMethodBodySchema>;

/** The settings page the refusal points to (kept in step with src/web/lib/paths.ts). */
export const PAYOUT_SETTINGS_PATH = '/settings#payout';

/**
 * Where a worker wants their payouts sent. Private: only the worker reads it here, and
 * administrators see the copy each payout keeps. Every change is kept with its time.
 */
export function createPayoutMethodsService(deps: {
  db: Db;
  methods: PayoutMethodsRepository;
  clock: Clock;
}) {
  const { db, methods, clock } = deps;

  return {
    get: (userId: string) => methods.find(userId),

    async set(userId: string, input: PayoutMethodInput): Promise<PayoutMethodRow> {
      const accountHolder = input.method === 'bank_transfer' ? input.accountHolder : null;
      return db.transaction().execute(async (trx) => {
        const current = await methods.find(userId, trx);
        const unchanged =
          current?.method === input.method &&
          current.destination === input.destination &&
          current.account_holder === accountHolder;
        if (current && unchanged) return current;
        const now = clock.now();
        const row = await methods.upsert(trx, {
          userId,
          method: input.method,
          destination: input.destination,
          accountHolder,
          now,
        });
        await methods.recordChange(trx, {
          userId,
          method: input.method,
          destination: input.destination,
          accountHolder,
          now,
        });
        return row;
      });
    },

    async remove(userId: string): Promise<void> {
      await db.transaction().execute(async (trx) => {
        if (!(await methods.remove(trx, userId))) return;
        await methods.recordChange(trx, {
          userId,
          method: null,
          destination: null,
          accountHolder: null,
          now: clock.now(),
        });
      });
    },

    /** The method a payout is sent to, read inside the payout's transaction; 409 without one. */
    async requireFor(trx: Db, workerId: string): Promise<PayoutMethodRow> {
      const method = await methods.find(workerId, trx);
      if (!method) {
        throw new ConflictError(
          'payout_method_missing',
          'Tell us where to send your money first: add a payout method (bank transfer, PayPal or other) under Settings → Payout method, then ask again.',
          { settingsPath: PAYOUT_SETTINGS_PATH },
        );
      }
      return method;
    },
  };
}

export type PayoutMethodsService = ReturnType<typeof createPayoutMethodsService>;
