import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseKind } from '../../../test/helpers/database-kind.js';
import { clonePostgresTemplate } from '../../../test/helpers/database.js';
import { openDatabase, type DatabaseHandle } from './database.js';
import { usePreparedStatements } from './prepared-statements.js';

/** The statements this connection has prepared, by text. */
async function preparedOn(client: pg.PoolClient): Promise<string[]> {
  const { rows } = await client.query<{ statement: string }>(
    'select statement from pg_prepared_statements',
  );
  return rows.map((r) => r.statement);
}

// Named statements are a PostgreSQL server feature; the embedded database has no pool of them.
describe.runIf(testDatabaseKind() === 'postgres')('named (prepared) statements', () => {
  let clone: Awaited<ReturnType<typeof clonePostgresTemplate>>;
  beforeAll(async () => {
    clone = await clonePostgresTemplate();
  });
  afterAll(() => clone.drop());

  async function withOneConnection<T>(
    preparedStatements: boolean,
    run: (database: DatabaseHandle) => Promise<T>,
  ): Promise<T> {
    const database = await openDatabase({
      kind: 'postgres',
      url: clone.url,
      poolSize: 1,
      preparedStatements,
    });
    try {
      return await run(database);
    } finally {
      await database.close();
    }
  }

  it('prepares data statements once per connection, and leaves transaction control unnamed', async () => {
    const statements = await withOneConnection(true, async ({ db }) => {
      await db.transaction().execute(async (trx) => {
        await sql`select ${1}::int as one`.execute(trx);
        await sql`select ${2}::int as one`.execute(trx);
      });
      await db.selectFrom('users').select('id').where('email', '=', 'nobody@example.com').execute();
      return db.connection().execute(async (conn) => {
        const { rows } = await sql<{
          statement: string;
        }>`select statement from pg_prepared_statements`.execute(conn);
        return rows.map((r) => r.statement);
      });
    });
    // The same text twice is one statement; BEGIN/COMMIT never appear.
    expect(statements.filter((s) => s.includes('::int as one'))).toHaveLength(1);
    expect(statements.some((s) => s.includes('from "users"'))).toBe(true);
    expect(statements.some((s) => /^\s*(begin|commit)/i.test(s))).toBe(false);
  });

  it('prepares nothing when turned off (for PgBouncer in transaction mode)', async () => {
    const statements = await withOneConnection(false, async ({ db }) => {
      await sql`select ${1}::int as one`.execute(db);
      await sql`select ${1}::int as one`.execute(db);
      return db.connection().execute(async (conn) => {
        const { rows } = await sql<{
          statement: string;
        }>`select statement from pg_prepared_statements`.execute(conn);
        return rows.map((r) => r.statement);
      });
    });
    expect(statements.filter((s) => s.includes('::int as one'))).toEqual([]);
  });

  it('answers with the new columns after a migration changed a prepared statement’s table', async () => {
    await withOneConnection(true, async ({ db }) => {
      await sql`create table drift (id int primary key)`.execute(db);
      await sql`insert into drift values (1)`.execute(db);
      const read = () =>
        sql<Record<string, unknown>>`select * from drift where id = ${1}`.execute(db);
      expect((await read()).rows).toEqual([{ id: 1 }]);
      // Another instance migrates: the plan PostgreSQL cached no longer fits the table.
      const other = new pg.Client({ connectionString: clone.url });
      await other.connect();
      await other.query(`alter table drift add column note text default 'added'`);
      await other.end();
      expect((await read()).rows).toEqual([{ id: 1, note: 'added' }]);
    });
  });

  it('runs texts past the per-connection cap unnamed', async () => {
    const pool = new pg.Pool({ connectionString: clone.url, max: 1 });
    usePreparedStatements(pool, { perConnection: 2 });
    const client = await pool.connect();
    try {
      for (const n of [1, 2, 3, 4]) {
        const { rows } = await client.query<{ n: number }>(`select $1::int + ${n} as n`, [1]);
        expect(rows[0]?.n).toBe(1 + n);
      }
      const prepared = (await preparedOn(client)).filter((s) => s.includes('as n'));
      expect(prepared).toHaveLength(2);
    } finally {
      client.release();
      await pool.end();
    }
  });
});
