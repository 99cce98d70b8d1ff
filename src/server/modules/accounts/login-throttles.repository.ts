import { deletedCount } from '../../db/affected-rows.js';
import type { Db } from '../../db/database.js';
import type { LoginThrottleState } from './login-throttle.js';

/**
 * Sign-in attempt state in PostgreSQL, so every instance sees the same counts. Each decision runs
 * under the row's lock: concurrent attempts for one email are decided one after another.
 */
export function createLoginThrottlesRepository(db: Db) {
  return {
    async decide<T>(
      keyHash: string,
      now: Date,
      decide: (current: LoginThrottleState) => { next?: LoginThrottleState; result: T },
    ): Promise<T> {
      return db.transaction().execute(async (trx) => {
        // A first attempt finds a placeholder with no attempts to lock and count from.
        await trx
          .insertInto('login_throttles')
          .values({ key_hash: keyHash, attempts: 0, last_attempt_at: now, blocked_until: null })
          .onConflict((oc) => oc.column('key_hash').doNothing())
          .execute();
        const row = await trx
          .selectFrom('login_throttles')
          .select(['attempts', 'last_attempt_at', 'blocked_until'])
          .where('key_hash', '=', keyHash)
          .forUpdate()
          .executeTakeFirstOrThrow();
        const { next, result } = decide({
          attempts: row.attempts,
          lastAttemptAt: row.last_attempt_at,
          blockedUntil: row.blocked_until,
        });
        if (next) {
          await trx
            .updateTable('login_throttles')
            .set({
              attempts: next.attempts,
              last_attempt_at: next.lastAttemptAt,
              blocked_until: next.blockedUntil,
            })
            .where('key_hash', '=', keyHash)
            .execute();
        }
        return result;
      });
    },

    async clear(keyHash: string) {
      await db.deleteFrom('login_throttles').where('key_hash', '=', keyHash).execute();
    },

    /** Rows quiet since `before` (their last attempt and backoff both over): they count for nothing. */
    async deleteQuietSince(before: Date): Promise<number> {
      return deletedCount(
        db
          .deleteFrom('login_throttles')
          .where('last_attempt_at', '<', before)
          .where((eb) =>
            eb.or([eb('blocked_until', 'is', null), eb('blocked_until', '<', before)]),
          ),
      );
    },
  };
}

export type LoginThrottlesRepository = ReturnType<typeof createLoginThrottlesRepository>;
