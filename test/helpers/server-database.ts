import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type DatabaseHandle, type Db } from '../../src/server/db/database.js';
import { testDatabaseKind } from './database-kind.js';
import { clonePostgresTemplate, pgliteSnapshot } from './database.js';

/**
 * A migrated database of this run's kind for a server child process: a PGlite data folder
 * (`DATA_DIR`) or a PostgreSQL database (`DATABASE_URL`). The test opens it itself to seed and
 * to check; a PGlite folder may only be open in one process at a time.
 */
export type ServerDatabase<Seeded> = {
  kind: 'pglite' | 'postgres';
  env: Record<string, string>;
  /** What the seed function returned. */
  seeded: Seeded;
  open(): Promise<DatabaseHandle>;
  drop(): Promise<void>;
};

/** Creates the database and fills it with `seed` before any server opens it. */
export async function createServerDatabase<T>(
  seed: (db: Db) => Promise<T>,
): Promise<ServerDatabase<T>> {
  if (testDatabaseKind() === 'postgres') {
    const clone = await clonePostgresTemplate();
    const open = () => openDatabase({ kind: 'postgres', url: clone.url, poolSize: 5 });
    const seeding = await open();
    try {
      return {
        kind: 'postgres',
        env: { DATABASE_URL: clone.url },
        open,
        drop: () => clone.drop(),
        seeded: await seed(seeding.db),
      };
    } finally {
      await seeding.close();
    }
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'tessera-faults-data-'));
  const seeding = await openDatabase({ kind: 'pglite', dataDir, loadDataDir: pgliteSnapshot() });
  try {
    return {
      kind: 'pglite',
      env: { DATA_DIR: dataDir },
      open: () => openDatabase({ kind: 'pglite', dataDir }),
      drop: async () => rmSync(dataDir, { recursive: true, force: true }),
      seeded: await seed(seeding.db),
    };
  } finally {
    await seeding.close();
  }
}
