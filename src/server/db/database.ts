import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { withCommitHooks } from './after-commit.js';
import { lockDataDir, type DataDirLock } from './data-dir-lock.js';
import { usePreparedStatements } from './prepared-statements.js';
import { PGliteDialect } from './pglite-dialect.js';
import { durableDataDir } from './pglite-durable.js';
import type { Database } from './types.js';

export type Db = Kysely<Database>;
export type DatabaseKind = 'postgres' | 'pglite';

export type DatabaseHandle = {
  db: Db;
  kind: DatabaseKind;
  /** The embedded database's data folder, held by this process until `close`. */
  dataDirLock?: DataDirLock;
  close(): Promise<void>;
};

// Money is integer cents; bigint sums come back as strings from pg unless told otherwise. Sums of
// cents stay far below 2^53, so numbers are safe and simpler for every caller.
const INT8_OID = 20;
pg.types.setTypeParser(INT8_OID, (value) => Number(value));
// A calendar day (`date`) stays the 'YYYY-MM-DD' it is: as a Date it would be midnight in this
// server's time zone, another day for half the world.
const DATE_OID = 1082;
pg.types.setTypeParser(DATE_OID, (value) => value);

/** Named statements a pooled connection keeps: every hot statement, with room to spare. */
const PREPARED_PER_CONNECTION = 200;

export type OpenDatabaseOptions =
  | {
      kind: 'postgres';
      url: string;
      poolSize?: number;
      /** Named server-side statements (see prepared-statements.ts); off unless asked for. */
      preparedStatements?: boolean;
    }
  | { kind: 'pglite'; dataDir?: string; loadDataDir?: Blob };

export async function openDatabase(options: OpenDatabaseOptions): Promise<DatabaseHandle> {
  if (options.kind === 'postgres') {
    const pool = new pg.Pool({
      connectionString: options.url,
      max: options.poolSize ?? 20,
      // Fail fast while PostgreSQL is unreachable instead of queueing requests forever.
      connectionTimeoutMillis: 5_000,
    });
    // A client losing its server (a restart) must not crash the process: idle clients report it
    // on the pool, clients in use on themselves (their query fails, the pool then drops them).
    pool.on('error', () => {});
    pool.on('connect', (client) => client.on('error', () => {}));
    if (options.preparedStatements === true) {
      usePreparedStatements(pool, { perConnection: PREPARED_PER_CONNECTION });
    }
    const db = new Kysely<Database>({ dialect: withCommitHooks(new PostgresDialect({ pool })) });
    return { db, kind: 'postgres', close: () => db.destroy() };
  }
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  // Two processes writing one PGlite folder overwrite each other's commits: one at a time.
  const dataDirLock = options.dataDir ? lockDataDir(options.dataDir) : undefined;
  let pglite: PGlite;
  try {
    pglite = await PGlite.create({
      ...(options.dataDir ? durableDataDir(options.dataDir) : {}),
      ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
      parsers: {
        [INT8_OID]: (value: string) => Number(value),
        [DATE_OID]: (value: string) => value,
      },
    });
  } catch (error) {
    dataDirLock?.release();
    throw error;
  }
  const db = new Kysely<Database>({ dialect: withCommitHooks(new PGliteDialect(pglite)) });
  return {
    db,
    kind: 'pglite',
    ...(dataDirLock ? { dataDirLock } : {}),
    async close() {
      try {
        await db.destroy();
        await pglite.close();
      } finally {
        dataDirLock?.release();
      }
    },
  };
}
