import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type DatabaseHandle } from '../../src/server/db/database.js';

export type BenchDatabase = {
  handle: DatabaseHandle;
  url: string | undefined;
  drop(): Promise<void>;
};

/** The database kind a benchmark runs on: PostgreSQL when DATABASE_URL is set, else embedded. */
export function benchDatabaseKind(): 'postgres' | 'pglite' {
  return process.env.DATABASE_URL ? 'postgres' : 'pglite';
}

export function withDatabaseName(url: string, name: string): string {
  const target = new URL(url);
  target.pathname = `/${name}`;
  return target.toString();
}

/** A throwaway database for one benchmark run (a fresh PostgreSQL database, or in-memory PGlite). */
export async function openBenchDatabase(
  kind: 'pglite' | 'postgres',
  poolSize?: number,
): Promise<BenchDatabase> {
  if (kind === 'pglite') {
    const handle = await openDatabase({ kind: 'pglite' });
    return { handle, url: undefined, drop: async () => {} };
  }
  const url = process.env.DATABASE_URL as string;
  const name = `tessera_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const target = withDatabaseName(url, name);
  const handle = await openDatabase({
    kind: 'postgres',
    url: target,
    ...(poolSize ? { poolSize } : {}),
  });
  return {
    handle,
    url: target,
    drop: async () => {
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)] ?? Number.NaN;
}

export const fmt = (n: number, digits = 1) => n.toFixed(digits);
