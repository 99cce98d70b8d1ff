import { mkdirSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely } from 'kysely';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../src/server/db/database.js';
import { migrateToLatest } from '../src/server/db/migrate.js';
import { PGliteDialect } from '../src/server/db/pglite-dialect.js';
import { testDatabaseKind } from './helpers/database-kind.js';

declare module 'vitest' {
  export interface ProvidedContext {
    testDb:
      { kind: 'pglite'; snapshot: string } | { kind: 'postgres'; url: string; template: string };
  }
}

/**
 * Migrates once per run; every test file then gets its own database copied from the result: a
 * PGlite data-dir snapshot, or a PostgreSQL database cloned from a migrated template.
 */
export default async function setup(project: TestProject) {
  const kind = testDatabaseKind();
  if (kind === 'pglite') {
    const pglite = await PGlite.create();
    const db = new Kysely({ dialect: new PGliteDialect(pglite) });
    await migrateToLatest(db);
    const snapshot = await pglite.dumpDataDir('gzip');
    await pglite.close();
    const dir = join(process.cwd(), '.tmp');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `pglite-template-${process.pid}.tar.gz`);
    writeFileSync(file, Buffer.from(await snapshot.arrayBuffer()));
    project.provide('testDb', { kind: 'pglite', snapshot: file });
    return;
  }

  const url = process.env.DATABASE_URL as string;
  const template = `tessera_tpl_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${template}`);
  const templateUrl = withDatabase(url, template);
  const handle = await openDatabase({ kind: 'postgres', url: templateUrl, poolSize: 1 });
  await migrateToLatest(handle.db);
  await handle.close();
  project.provide('testDb', { kind: 'postgres', url, template });

  return async () => {
    const { rows } = await admin.query<{ datname: string }>(
      `select datname from pg_database where datname like $1 or datname = $2`,
      [`${template}_%`, template],
    );
    for (const row of rows)
      await admin.query(`drop database if exists ${row.datname} with (force)`);
    await admin.end();
  };
}

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}
