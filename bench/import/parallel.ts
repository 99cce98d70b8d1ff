/**
 * Parallel uploads: six maximal CSV uploads (100,000 rows × 100 columns, just under the 20 MiB
 * limit) sent at once by one requester to the compiled server, as `tessera serve` runs in
 * production. With the concurrent-upload limit some are told 429 and retry after `Retry-After`,
 * as a client would. Measured: the server process's peak resident memory over its idle size, and
 * the worst `/healthz` latency, polled every 100 ms throughout. Baseline, same run and same
 * server: one such upload alone.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx tsx bench/import/parallel.ts
 *   npx tsx bench/import/parallel.ts                          (the embedded database)
 *   UPLOADS=6 ROWS=100000 BENCH_PORT=21150
 */
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { openDatabase } from '../../src/server/db/database.js';
import { migrateToLatest } from '../../src/server/db/migrate.js';
import { benchDatabaseKind, openBenchDatabase, percentile } from '../lib/bench-db.js';
import { buildServer, startServer, type ServerProcess } from '../lib/server-process.js';

const UPLOADS = Number(process.env.UPLOADS ?? 6);
const ROWS = Number(process.env.ROWS ?? 100_000);
const COLUMNS = 100;
const PORT = Number(process.env.BENCH_PORT ?? 21_150);
const HEALTHZ_EVERY_MS = 100;
const WARM_UP_ROWS = 1_000;
const MiB = 1024 * 1024;

/** One-character cells: the most cells (and so the most parsed strings) per byte of upload. */
function makeCsv(rows: number): Buffer {
  const header = Array.from({ length: COLUMNS }, (_, c) => `c${c + 1}`).join(',');
  const lines = [header];
  for (let r = 0; r < rows; r++) {
    let line = '';
    for (let c = 0; c < COLUMNS; c++) {
      line += `${c ? ',' : ''}${String.fromCharCode(97 + ((r + c) % 26))}`;
    }
    lines.push(line);
  }
  return Buffer.from(`${lines.join('\n')}\n`);
}

type Reply = { status: number; headers: http.IncomingHttpHeaders; body: string };

function send(
  baseUrl: string,
  path: string,
  options: { method: string; headers: Record<string, string>; body?: Buffer | string },
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      `${baseUrl}${path}`,
      { method: options.method, headers: options.headers, agent: false },
      (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (body += chunk));
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, headers: response.headers, body }),
        );
      },
    );
    request.on('error', reject);
    request.end(options.body);
  });
}

async function signUp(baseUrl: string) {
  const response = await send(baseUrl, '/api/v1/auth/signup', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      email: `bench-${Date.now()}@example.com`,
      password: 'bench password 1',
      displayName: 'Bench',
      roles: ['requester'],
    }),
  });
  if (response.status !== 201) throw new Error(`signup failed: ${response.body}`);
  const cookies = (response.headers['set-cookie'] ?? []).map((c) => c.split(';')[0] as string);
  const csrf = cookies.find((c) => c.startsWith('csrf_token='))?.slice('csrf_token='.length);
  return { cookie: cookies.join('; '), 'x-csrf-token': csrf ?? '' };
}

async function createProject(baseUrl: string, auth: Record<string, string>) {
  const response = await send(baseUrl, '/api/v1/projects', {
    method: 'POST',
    headers: { ...auth, 'content-type': 'application/json' },
    body: JSON.stringify({
      title: 'Bench',
      rewardCents: 10,
      template: { kind: 'form', items: [{ type: 'text', name: 'answer', label: 'Answer' }] },
    }),
  });
  if (response.status !== 201) throw new Error(`create project failed: ${response.body}`);
  return (JSON.parse(response.body) as { id: string }).id;
}

/** Uploads until accepted, waiting out each 429's Retry-After; the refusals it met. */
async function upload(
  baseUrl: string,
  auth: Record<string, string>,
  projectId: string,
  csv: Buffer,
) {
  let refusals = 0;
  for (;;) {
    const response = await send(baseUrl, `/api/v1/projects/${projectId}/batches`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'text/csv', 'content-length': String(csv.length) },
      body: csv,
    });
    if (response.status === 201) return refusals;
    // 408: on the embedded database a request waits while another import's transaction runs,
    // and may not be read whole within REQUEST_TIMEOUT_MS; a client sends it again.
    if (response.status !== 429 && response.status !== 408)
      throw new Error(`upload: ${response.status} ${response.body}`);
    refusals += 1;
    await sleep(Number(response.headers['retry-after'] ?? 1) * 1000);
  }
}

/** Polls /healthz every 100 ms while `work` runs; the latencies, in ms. */
async function duringHealthPolling(baseUrl: string, work: () => Promise<void>) {
  const latencies: number[] = [];
  let done = false;
  const poller = (async () => {
    while (!done) {
      const started = performance.now();
      const response = await send(baseUrl, '/healthz', { method: 'GET', headers: {} });
      const ms = performance.now() - started;
      if (response.status !== 200) throw new Error(`/healthz answered ${response.status}`);
      latencies.push(ms);
      await sleep(Math.max(0, HEALTHZ_EVERY_MS - ms));
    }
  })();
  try {
    await work();
  } finally {
    done = true;
    await poller;
  }
  return latencies.sort((a, b) => a - b);
}

async function phase(
  name: string,
  server: ServerProcess,
  idleRss: number,
  work: () => Promise<number>,
) {
  server.resetPeak();
  const started = performance.now();
  let refusals = 0;
  const latencies = await duringHealthPolling(server.baseUrl, async () => {
    refusals = await work();
  });
  const seconds = (performance.now() - started) / 1000;
  const growth = (server.peakRss() - idleRss) / MiB;
  console.log(
    `${name.padEnd(22)} ${seconds.toFixed(0).padStart(5)} s  peak RSS +${growth.toFixed(0).padStart(4)} MiB over idle  healthz worst ${(latencies.at(-1) ?? Number.NaN).toFixed(0).padStart(5)} ms  p99 ${percentile(latencies, 99).toFixed(0)} ms  p50 ${percentile(latencies, 50).toFixed(0)} ms (${latencies.length} polls)  refused (429/408) ${refusals}`,
  );
}

export async function runParallelUploads(kind: 'pglite' | 'postgres') {
  const built = buildServer();
  const dataDir = kind === 'pglite' ? mkdtempSync(join(tmpdir(), 'tessera-import-bench-')) : '';
  const bench = kind === 'postgres' ? await openBenchDatabase('postgres') : undefined;
  const handle = bench?.handle ?? (await openDatabase({ kind: 'pglite', dataDir }));
  let server: ServerProcess | undefined;
  try {
    await migrateToLatest(handle.db);
    if (!bench) await handle.close();
    server = await startServer({
      port: PORT,
      cli: built.cli,
      // Seven full uploads into drafts (the baseline's and six) pass the default cap on draft
      // tasks, which is not what this measures.
      env: {
        ...(bench ? { DATABASE_URL: bench.url as string } : { DATA_DIR: dataDir }),
        DRAFT_TASKS_PER_REQUESTER: String((UPLOADS + 1) * ROWS + WARM_UP_ROWS),
      },
    });
    const csv = makeCsv(ROWS);
    console.log(
      `workload: ${UPLOADS} uploads at once by one requester, each ${ROWS} rows × ${COLUMNS} columns (${(csv.length / MiB).toFixed(1)} MiB, one-character cells) into its own draft project, on ${kind}; compiled server, default BATCH_UPLOADS_PER_REQUESTER; healthz polled every ${HEALTHZ_EVERY_MS} ms`,
    );
    const auth = await signUp(server.baseUrl);
    const projects = await Promise.all(
      Array.from({ length: UPLOADS + 2 }, () => createProject(server!.baseUrl, auth)),
    );
    const [warmUp, alone, ...parallel] = projects as [string, string, ...string[]];
    await upload(server.baseUrl, auth, warmUp, makeCsv(WARM_UP_ROWS));
    const idleRss = server.rss();
    console.log(`server idle RSS after a warm-up upload: ${(idleRss / MiB).toFixed(0)} MiB`);
    const base = server.baseUrl;
    await phase('baseline: 1 upload', server, idleRss, () => upload(base, auth, alone, csv));
    await phase(`${UPLOADS} uploads at once`, server, idleRss, async () => {
      const refusals = await Promise.all(parallel.map((id) => upload(base, auth, id, csv)));
      return refusals.reduce((a, b) => a + b, 0);
    });
  } finally {
    await server?.stop();
    if (bench) {
      await handle.close();
      await bench.drop();
    } else rmSync(dataDir, { recursive: true, force: true });
    built.remove();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await runParallelUploads(benchDatabaseKind());
}
