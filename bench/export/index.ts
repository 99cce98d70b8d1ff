/**
 * Results export (issue #5): N assignments streamed as CSV through the real route
 * GET /api/v1/projects/:id/results.csv of a `tessera serve` process compiled as it is deployed,
 * on PostgreSQL when DATABASE_URL is set (default N = 1,000,000), else on the embedded database
 * (default N = 100,000: seeding a million rows into PGlite takes very long; pass --rows).
 *
 * Memory: the server's peak resident set during the download, from the kernel (VmHWM, reset
 * right before it), and its RSS just before. On PGlite that includes the embedded engine, as
 * deployed. This process only seeds the database and downloads, counting bytes and lines.
 * Baseline, same run and same database: the export's own keyset-paged query read in this
 * process with no CSV formatting and no HTTP (after the server has stopped: a PGlite data folder
 * has one user at a time).
 *
 *   npx tsx bench/export/index.ts [--rows N] [--server-heap MiB]
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx tsx bench/export/index.ts
 *   (BENCH_PORT picks the server's port)
 *
 * `--server-heap` caps the server's old generation (node --max-old-space-size): an export that
 * completes under a small cap shows that its memory does not grow with its size.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { openDatabase, type DatabaseHandle } from '../../src/server/db/database.js';
import { migrateToLatest } from '../../src/server/db/migrate.js';
import { systemClock } from '../../src/server/lib/clock.js';
import { createAggregationService } from '../../src/server/modules/aggregation/aggregation.service.js';
import { createGoldRepository } from '../../src/server/modules/projects/gold.repository.js';
import { createResultsService } from '../../src/server/modules/results/results.service.js';
import { benchDatabaseKind, openBenchDatabase } from '../lib/bench-db.js';
import { buildServer, startServer } from '../lib/server-process.js';
import { seedExport } from './seed.js';

const { values: args } = parseArgs({
  options: { rows: { type: 'string' }, 'server-heap': { type: 'string' } },
});
const kind = benchDatabaseKind();
const ROWS = Number(args.rows ?? (kind === 'postgres' ? 1_000_000 : 100_000));
if (!Number.isInteger(ROWS) || ROWS < 2) throw new Error('--rows must be a whole number ≥ 2');
const heapCap = args['server-heap'];
if (heapCap !== undefined && !/^\d+$/.test(heapCap))
  throw new Error('--server-heap must be a number of MiB');
const PORT = Number(process.env.BENCH_PORT ?? 24_803);

const mib = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);

/** Downloads a URL, counting bytes and lines without keeping the body. */
async function download(url: string, headers: Record<string, string>) {
  const response = await fetch(url, { headers });
  if (response.status !== 200 || !response.body)
    throw new Error(`export failed: ${response.status} ${await response.text()}`);
  let bytes = 0;
  let lines = 0;
  const reader = response.body.getReader();
  for (let read = await reader.read(); !read.done; read = await reader.read()) {
    const chunk = read.value;
    bytes += chunk.byteLength;
    for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines += 1;
  }
  return { bytes, lines };
}

/** The database, the server's settings to reach it, and how to reopen and remove it. */
async function openDatabaseFor(): Promise<{
  handle: DatabaseHandle;
  serverEnv: Record<string, string>;
  reopen: () => Promise<DatabaseHandle>;
  drop: () => Promise<void>;
}> {
  if (kind === 'postgres') {
    const bench = await openBenchDatabase('postgres');
    const url = bench.url as string;
    return {
      handle: bench.handle,
      serverEnv: { DATABASE_URL: url },
      reopen: () => openDatabase({ kind: 'postgres', url }),
      drop: () => bench.drop(),
    };
  }
  // A data folder, not memory: the server process opens it once this one has closed it.
  const dataDir = mkdtempSync(join(tmpdir(), 'tessera-export-bench-'));
  return {
    handle: await openDatabase({ kind: 'pglite', dataDir }),
    serverEnv: { DATA_DIR: dataDir },
    reopen: () => openDatabase({ kind: 'pglite', dataDir }),
    drop: async () => rmSync(dataDir, { recursive: true, force: true }),
  };
}

/** The export's own pages, read and dropped: no CSV formatting, no HTTP. */
async function baseline(handle: DatabaseHandle, userId: string, projectId: string) {
  // The same lookups per page as the server's export (aggregates and gold of the page's tasks).
  const gold = createGoldRepository(handle.db);
  const aggregation = createAggregationService({
    db: handle.db,
    clock: systemClock,
    loadGoldTruths: (id) => gold.answersByTask(id),
  });
  const results = createResultsService({
    db: handle.db,
    clock: systemClock,
    quality: {
      aggregatesOf: (projectId, taskIds, method) => aggregation.ofTasks(projectId, taskIds, method),
      goldTaskIds: (taskIds) => gold.goldTaskIds(taskIds),
    },
  });
  const started = performance.now();
  const opened = await results.open(userId, projectId, { method: 'dawid_skene' }, 'csv');
  let rows = 0;
  for await (const page of opened.pages()) rows += page.length;
  return { rows, ms: performance.now() - started };
}

const buildStarted = performance.now();
const built = buildServer();
const buildSeconds = (performance.now() - buildStarted) / 1000;
const database = await openDatabaseFor();
try {
  await migrateToLatest(database.handle.db);
  const seedStarted = performance.now();
  const seeded = await seedExport(database.handle.db, ROWS);
  const seedSeconds = (performance.now() - seedStarted) / 1000;
  await database.handle.close();
  console.log(
    `workload: ${seeded.seeded} assignments (${seeded.tasks} tasks × ${seeded.slots}; 2 input columns, 3 answer items; the default filter exports all of them) on ${kind}, seeded in ${seedSeconds.toFixed(1)} s with set-based SQL; server compiled in ${buildSeconds.toFixed(0)} s and run as \`node dist/…/tessera.js serve\`${heapCap ? ` with --max-old-space-size=${heapCap}` : ''}`,
  );

  const server = await startServer({
    port: PORT,
    env: database.serverEnv,
    cli: built.cli,
    nodeArgs: heapCap ? [`--max-old-space-size=${heapCap}`] : [],
  });
  let exported: { bytes: number; lines: number };
  let exportMs: number;
  let rssBefore: number;
  let peak: number;
  try {
    const url = `${server.baseUrl}/api/v1/projects/${seeded.projectId}/results.csv`;
    const headers = { authorization: `Bearer ${seeded.token}` };
    // Warm-up: JIT, plans and connections, on the rejected tenth.
    await download(`${url}?status=rejected`, headers);
    rssBefore = server.rss();
    server.resetPeak();
    const started = performance.now();
    exported = await download(url, headers);
    exportMs = performance.now() - started;
    peak = server.peakRss();
  } finally {
    await server.stop();
  }
  const rows = exported.lines - 1;
  if (rows !== seeded.seeded) throw new Error(`exported ${rows} rows, expected ${seeded.seeded}`);

  const reopened = await database.reopen();
  const base = await baseline(reopened, seeded.userId, seeded.projectId).finally(() =>
    reopened.close(),
  );
  const exportRate = rows / (exportMs / 1000);
  const baselineRate = base.rows / (base.ms / 1000);
  console.log(
    `${kind.padEnd(8)} export    ${exportMs.toFixed(0).padStart(7)} ms  ${exportRate.toFixed(0).padStart(7)} rows/s  ${mib(exported.bytes)} MiB CSV (${mib(exported.bytes / (exportMs / 1000))} MiB/s)`,
  );
  console.log(
    `${kind.padEnd(8)} server    peak RSS ${mib(peak)} MiB during the export; ${mib(rssBefore)} MiB RSS before it`,
  );
  console.log(
    `${kind.padEnd(8)} baseline  ${base.ms.toFixed(0).padStart(7)} ms  ${baselineRate.toFixed(0).padStart(7)} rows/s  (the same keyset pages read in one process, no CSV, no HTTP)`,
  );
  console.log(
    `${kind.padEnd(8)} ratio     ${(exportRate / baselineRate).toFixed(2)}× baseline throughput   server peak RSS ${mib(peak)} MiB vs goal 300 MiB: ${peak < 300 * 1024 * 1024 ? 'met' : 'MISSED'}`,
  );
} finally {
  built.remove();
  await database.drop();
}
