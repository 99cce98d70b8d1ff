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
    return openDatabase({ kind: 'pglite', loadDataDir: pgliteSnapshot() });
  }
  const clone = await clonePostgresTemplate();
  const handle = await openDatabase({ kind: 'postgres', url: clone.url, poolSize: 30 });
  return {
    ...handle,
    async close() {
      await handle.close();
      await clone.drop();
    },
  };
}

/** A new PostgreSQL database copied from this run's migrated template, and how to drop it. */
export async function clonePostgresTemplate(): Promise<{ url: string; drop(): Promise<void> }> {
  const testDb = inject('testDb');
  if (testDb.kind !== 'postgres') throw new Error('this run has no PostgreSQL template');
  const name = `${testDb.template}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: testDb.url });
  await admin.connect();
  try {
    await admin.query(`create database ${name} template ${testDb.template}`);
  } finally {
    await admin.end();
  }
  return {
    url: withDatabase(testDb.url, name),
    async drop() {
      const dropper = new pg.Client({ connectionString: testDb.url });
      await dropper.connect();
      await dropper.query(`drop database if exists ${name} with (force)`);
      await dropper.end();
    },
  };
}

/** The migrated PGlite data-dir snapshot of this run. */
export function pgliteSnapshot(): Blob {
  const testDb = inject('testDb');
  if (testDb.kind !== 'pglite') throw new Error('this run has no PGlite snapshot');
  return new Blob([readFileSync(testDb.snapshot)]);
}
