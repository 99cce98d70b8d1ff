import type { Db } from '../../db/database.js';

/** PostgreSQL's deadlock_detected and serialization_failure: the transaction may simply be retried. */
const RETRYABLE = new Set(['40P01', '40001']);
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
      const code = (error as { code?: string }).code;
      if (attempt >= ATTEMPTS || !code || !RETRYABLE.has(code)) throw error;
    }
  }
}
