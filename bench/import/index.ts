/**
 * Import throughput: 100,000 CSV rows uploaded through the HTTP API (parse, validate, insert as
 * tasks in one transaction) on the embedded database and, when DATABASE_URL is set, PostgreSQL.
 * Baseline, same run and same database: the same rows inserted into `tasks` with plain
 * multi-row INSERT statements (1,000 rows each) and no parsing or checks.
 *
 *   npx tsx bench/import/index.ts            ROWS=20000 npx tsx bench/import/index.ts
 *
 * Then the parallel-upload run (`parallel.ts`: memory and /healthz latency while six maximal
 * uploads compete) on PostgreSQL when DATABASE_URL is set, else on the embedded database.
 */
import { performance } from 'node:perf_hooks';
import { buildApp } from '../../src/server/app.js';
import { loadConfig } from '../../src/server/config.js';
import type { DatabaseHandle } from '../../src/server/db/database.js';
import { migrateToLatest } from '../../src/server/db/migrate.js';
import { benchDatabaseKind, openBenchDatabase } from '../lib/bench-db.js';
import { runParallelUploads } from './parallel.js';

const ROWS = Number(process.env.ROWS ?? 100_000);
const BASELINE_CHUNK = 1_000;

function makeCsv(rows: number) {
  const lines = ['id,title,image_url,notes'];
  for (let i = 1; i <= rows; i++) {
    lines.push(
      `${i},"Photo ${i}, taken ""outdoors""",https://img.example.com/${i}.jpg,${i % 7 === 0 ? '"two\nlines"' : 'plain text'}`,
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}

const peakRssMiB = () => Math.round(process.resourceUsage().maxRSS / 1024);

async function baselineInsert(handle: DatabaseHandle, projectId: string, rows: string[][]) {
  const batch = await handle.db
    .insertInto('batches')
    .values({
      project_id: projectId,
      filename: null,
      columns: ['id', 'title', 'image_url', 'notes'],
      row_count: rows.length,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const started = performance.now();
  await handle.db.transaction().execute(async (trx) => {
    for (let start = 0; start < rows.length; start += BASELINE_CHUNK) {
      await trx
        .insertInto('tasks')
        .values(
          rows.slice(start, start + BASELINE_CHUNK).map((r, i) => ({
            project_id: projectId,
            batch_id: batch.id,
            row_number: start + i + 1,
            number: start + i + 1,
            data: JSON.stringify({ id: r[0], title: r[1], image_url: r[2], notes: r[3] }),
            reward_cents: 10,
            assignments_per_task: 1,
          })),
        )
        .execute();
    }
  });
  return performance.now() - started;
}

async function run(kind: 'pglite' | 'postgres', csv: string, rows: string[][]) {
  const bench = await openBenchDatabase(kind);
  const { handle } = bench;
  try {
    await migrateToLatest(handle.db);
    const app = await buildApp({
      config: loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', PAYMENTS_SANDBOX: 'true' }),
      db: handle.db,
      logger: false,
    });
    await app.ready();
    const signup = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/signup',
      payload: {
        email: `bench-${Date.now()}@example.com`,
        password: 'bench password 1',
        displayName: 'Bench',
        roles: ['requester'],
      },
    });
    const cookies = signup.cookies as { name: string; value: string }[];
    const cookie = cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    const csrf = cookies.find((c) => c.name === 'csrf_token')?.value ?? '';
    const headers = { cookie, 'x-csrf-token': csrf };
    const project = await app.inject({
      method: 'POST',
      url: '/api/v1/projects',
      headers,
      payload: {
        title: 'Bench',
        rewardCents: 10,
        template: {
          kind: 'form',
          items: [
            { type: 'image', name: 'photo', url: '{{image_url}}' },
            { type: 'text', name: 'caption', label: 'Caption for {{title}}', required: true },
          ],
        },
      },
    });
    const projectId = project.json<{ id: string }>().id;
    const upload = (body: string) =>
      app.inject({
        method: 'POST',
        url: `/api/v1/projects/${projectId}/batches`,
        headers: { ...headers, 'content-type': 'text/csv' },
        payload: body,
      });

    // Warm-up: JIT, plan caches and connections, on a small upload.
    await upload(makeCsv(1_000));

    const started = performance.now();
    const response = await upload(csv);
    const importMs = performance.now() - started;
    if (response.statusCode !== 201)
      throw new Error(`import failed: ${response.statusCode} ${response.body}`);
    const baselineMs = await baselineInsert(handle, projectId, rows);
    await app.close();

    const importRate = ROWS / (importMs / 1000);
    const baselineRate = ROWS / (baselineMs / 1000);
    console.log(
      `${kind.padEnd(8)} import    ${importMs.toFixed(0).padStart(6)} ms  ${importRate.toFixed(0).padStart(7)} rows/s`,
    );
    console.log(
      `${kind.padEnd(8)} baseline  ${baselineMs.toFixed(0).padStart(6)} ms  ${baselineRate.toFixed(0).padStart(7)} rows/s (plain multi-row INSERT, ${BASELINE_CHUNK} rows each)`,
    );
    console.log(
      `${kind.padEnd(8)} ratio     ${(importRate / baselineRate).toFixed(2)}× baseline   peak RSS so far ${peakRssMiB()} MiB`,
    );
  } finally {
    await handle.close();
    await bench.drop();
  }
}

const csv = makeCsv(ROWS);
const rows = Array.from({ length: ROWS }, (_, i) => {
  const n = i + 1;
  return [
    String(n),
    `Photo ${n}, taken "outdoors"`,
    `https://img.example.com/${n}.jpg`,
    n % 7 === 0 ? 'two\nlines' : 'plain text',
  ];
});
console.log(
  `workload: ${ROWS} CSV rows × 4 columns (${(Buffer.byteLength(csv) / 1024 / 1024).toFixed(1)} MiB; quoted fields, embedded newlines, CRLF) uploaded through POST /api/v1/projects/:id/batches, one transaction`,
);
// PostgreSQL first, so the peak RSS it prints is not PGlite's (the embedded engine's heap is large).
if (process.env.DATABASE_URL) await run('postgres', csv, rows);
else console.log('postgres skipped: set DATABASE_URL to run it');
await run('pglite', csv, rows);
await runParallelUploads(benchDatabaseKind());
