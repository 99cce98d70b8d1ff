import { sql } from 'kysely';
import type { Db } from '../../db/database.js';

export function createSetupRepository(db: Db) {
  return {
    async insertToken(tokenHash: string, expiresAt: Date) {
      await db
        .insertInto('setup_tokens')
        .values({ token_hash: tokenHash, expires_at: expiresAt })
        .execute();
    },

    /**
     * Marks every live setup token used and returns their hashes. Used all at once, so two
     * people holding two links cannot both create an admin: the second waits on the first's
     * row locks and then finds nothing left to use.
     */
    async useAllLiveTokens(now: Date, trx: Db): Promise<string[]> {
      const rows = await trx
        .updateTable('setup_tokens')
        .set({ used_at: now })
        .where('used_at', 'is', null)
        .where('expires_at', '>', now)
        .returning('token_hash')
        .execute();
      return rows.map((row) => row.token_hash);
    },

    async adminExists(trx: Db = db): Promise<boolean> {
      const row = await trx
        .selectFrom('users')
        .select(sql<number>`1`.as('one'))
        .where(sql<boolean>`'admin' = any(roles)`)
        .limit(1)
        .executeTakeFirst();
      return row !== undefined;
    },
  };
}

export type SetupRepository = ReturnType<typeof createSetupRepository>;
