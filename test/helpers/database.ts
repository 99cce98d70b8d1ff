import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { inject } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../../src/server/db/database.js';
import { withDatabase } from '../global-setup.js';

/** A fresh, migrated database of this run's kind, private to the caller. */
export async function createTestDatabase(): Promise<DatabaseHandle> {
  const testDb = inject('testDb');
  if (testDb.kind === 'pglite') {
    const snapshot = new Blob([readFileSync(testDb.snapshot)]);
    return openDatabase({ kind: 'pglite', loadDataDir: snapshot });
  }
  const name = `${testDb.template}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: testDb.url });
  await admin.connect();
  try {
    await admin.query(`create database ${name} template ${testDb.template}`);
  } finally {
    await admin.end();
  }
  const handle = await openDatabase({
    kind: 'postgres',
    url: withDatabase(testDb.url, name),
    poolSize: 30,
  });
  return {
    ...handle,
    async close() {
      await handle.close();
      const dropper = new pg.Client({ connectionString: testDb.url });
      await dropper.connect();
      await dropper.query(`drop database if exists ${name} with (force)`);
      await dropper.end();
    },
  };
}
