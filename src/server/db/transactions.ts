import type { Db } from './database.js';
import { isRetryable } from './pg-errors.js';

const ATTEMPTS = 4;

/**
 * Runs `work` in a transaction, retrying it when PostgreSQL aborted it to break a deadlock
 * (possible when a bulk review and a sweep lock overlapping task rows in different orders).
 */
export async function inTransaction<T>(db: Db, work: (trx: Db) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction().execute(work);
    } catch (error) {
      if (attempt >= ATTEMPTS || !isRetryable(error)) throw error;
    }
  }
}
