import type { Selectable } from 'kysely';
import { deletedAny } from '../../db/affected-rows.js';
import type { Db } from '../../db/database.js';
import type { PayoutMethodKind } from '../../db/types.js';
import type { PayoutMethods } from '../../db/schema.js';

export type PayoutMethodRow = Selectable<PayoutMethods>;

/** Workers' payout methods and the history of their changes. */
export function createPayoutMethodsRepository(db: Db) {
  return {
    async find(userId: string, trx: Db = db): Promise<PayoutMethodRow | undefined> {
      return trx
        .selectFrom('payout_methods')
        .selectAll()
        .where('user_id', '=', userId)
        .executeTakeFirst();
    },

    async upsert(
      trx: Db,
      values: {
        userId: string;
        method: PayoutMethodKind;
        destination: string;
        accountHolder: string | null;
        now: Date;
      },
    ): Promise<PayoutMethodRow> {
      const row = {
        method: values.method,
        destination: values.destination,
        account_holder: values.accountHolder,
        updated_at: values.now,
      };
      return trx
        .insertInto('payout_methods')
        .values({ user_id: values.userId, ...row })
        .onConflict((oc) => oc.column('user_id').doUpdateSet(row))
        .returningAll()
        .executeTakeFirstOrThrow();
    },

    async remove(trx: Db, userId: string): Promise<boolean> {
      return deletedAny(trx.deleteFrom('payout_methods').where('user_id', '=', userId));
    },

    /** Appends to the history; a removal is a change to nothing (null method). */
    async recordChange(
      trx: Db,
      change: {
        userId: string;
        method: PayoutMethodKind | null;
        destination: string | null;
        accountHolder: string | null;
        now: Date;
      },
    ): Promise<void> {
      await trx
        .insertInto('payout_method_changes')
        .values({
          user_id: change.userId,
          method: change.method,
          destination: change.destination,
          account_holder: change.accountHolder,
          changed_at: change.now,
        })
        .execute();
    },

    /** A user's changes, newest first. */
    async changes(userId: string, trx: Db = db) {
      return trx
        .selectFrom('payout_method_changes')
        .selectAll()
        .where('user_id', '=', userId)
        .orderBy('id', 'desc')
        .execute();
    },
  };
}

export type PayoutMethodsRepository = ReturnType<typeof createPayoutMethodsRepository>;
