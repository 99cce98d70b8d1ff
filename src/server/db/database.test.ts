import pg from 'pg';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseKind } from '../../../test/helpers/database-kind.js';
import { clonePostgresTemplate } from '../../../test/helpers/database.js';
import { openDatabase } from './database.js';
import { isDatabaseUnavailable } from './pg-errors.js';

// Only PostgreSQL has connections a server can cut.
describe.runIf(testDatabaseKind() === 'postgres')(
  'the PostgreSQL pool when connections die',
  () => {
    let clone: Awaited<ReturnType<typeof clonePostgresTemplate>>;
    beforeAll(async () => {
      clone = await clonePostgresTemplate();
    });
    afterAll(() => clone.drop());

    it('fails a transaction whose connection is cut as "unavailable", without crashing, and goes on', async () => {
      const database = await openDatabase({ kind: 'postgres', url: clone.url, poolSize: 2 });
      const killer = new pg.Client({ connectionString: clone.url });
      await killer.connect();
      try {
        const failed = await database.db
          .transaction()
          .execute(async (trx) => {
            const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(
              trx,
            );
            // As a restart or a failover does: the server ends the session under the transaction.
            await killer.query('select pg_terminate_backend($1)', [rows[0]!.pid]);
            await sql`select pg_sleep(0.05)`.execute(trx);
          })
          .then(
            () => undefined,
            (error: unknown) => error,
          );
        // What the error handler answers 503 (try again) to, not 500.
        expect(isDatabaseUnavailable(failed)).toBe(true);
        const { rows } = await sql<{ ok: number }>`select 1 as ok`.execute(database.db);
        expect(rows).toEqual([{ ok: 1 }]);
      } finally {
        await killer.end();
        await database.close();
      }
    });
  },
);
