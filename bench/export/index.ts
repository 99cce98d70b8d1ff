/**
 * Results export: N assignments streamed as CSV through the real HTTP route
 * GET /api/v1/projects/:id/results.csv, on PostgreSQL when DATABASE_URL is set (default N =
 * 1,000,000), else on the embedded database (default N = 100,000: seeding a million rows into
 * PGlite takes very long; pass --rows to change it).
 *
 * The server runs in its own process (./server.ts, same loader as this one), so its peak RSS is
 * the server's alone — on PGlite that includes the embedded engine, as deployed. This process is
 * only the HTTP client: it counts bytes and lines and keeps nothing.
 * Baseline, same run and same database: the export's own keyset-paged query read in the server
 * process with no CSV formatting and no HTTP.
 *
 *   npx tsx bench/export/index.ts [--rows N] [--server-heap MiB]
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx tsx bench/export/index.ts
 *
 * `--server-heap` caps the server's old generation (node --max-old-space-size): an export that
 * completes under a small cap shows that its memory does not grow with its size.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import type { FromParent, FromServer, MemoryPeak } from './protocol.js';

const { values: args } = parseArgs({
  options: { rows: { type: 'string' }, 'server-heap': { type: 'string' } },
});
const kind = process.env.DATABASE_URL ? 'postgres' : 'pglite';
const ROWS = Number(args.rows ?? (kind === 'postgres' ? 1_000_000 : 100_000));
if (!Number.isInteger(ROWS) || ROWS < 2) throw new Error('--rows must be a whole number ≥ 2');
const heapCap = args['server-heap'];
if (heapCap !== undefined && !/^\d+$/.test(heapCap))
  throw new Error('--server-heap must be a number of MiB');

const mib = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
const describePeak = (peak: MemoryPeak) =>
  `peak RSS ${mib(peak.rss)} MiB (JS heap ${mib(peak.heapTotal)} MiB; ${
    peak.liveAfterGc
      ? `live after a full GC ≤ ${mib(peak.liveAfterGc)} MiB`
      : 'no full GC meanwhile'
  })`;

/** The server's next message of a type (the protocol is strictly request then answer). */
function next<T extends FromServer['type']>(server: ChildProcess, type: T) {
  return new Promise<Extract<FromServer, { type: T }>>((resolve, reject) => {
    const onMessage = (message: FromServer) => {
      if (message.type !== type) return;
      server.off('exit', onExit);
      server.off('message', onMessage);
      resolve(message as Extract<FromServer, { type: T }>);
    };
    const onExit = (code: number | null) => reject(new Error(`server exited (${code})`));
    server.on('message', onMessage);
    server.once('exit', onExit);
  });
}

function ask<T extends FromServer['type']>(server: ChildProcess, request: FromParent, type: T) {
  const answer = next(server, type);
  server.send(request);
  return answer;
}

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

const server = fork(fileURLToPath(new URL('./server.ts', import.meta.url)), [String(ROWS)], {
  execArgv: [...process.execArgv, ...(heapCap ? [`--max-old-space-size=${heapCap}`] : [])],
});
try {
  const ready = await next(server, 'ready');
  console.log(
    `workload: ${ready.seeded} assignments (${Math.ceil(ROWS / 2)} tasks × 2; 2 input columns, 3 answer items; the default filter exports all of them) on ${ready.kind}, seeded in ${(ready.seedMs / 1000).toFixed(1)} s with set-based SQL${heapCap ? `; server old space capped at ${heapCap} MiB` : ''}`,
  );
  const url = `http://127.0.0.1:${ready.port}/api/v1/projects/${ready.projectId}/results.csv`;
  // Warm-up: JIT, plans and connections, on the rejected tenth.
  await download(`${url}?status=rejected`, ready.headers);

  const { rssBefore } = await ask(server, { type: 'measure' }, 'measuring');
  const started = performance.now();
  const exported = await download(url, ready.headers);
  const exportMs = performance.now() - started;
  const { peak } = await ask(server, { type: 'read' }, 'memory');
  const rows = exported.lines - 1;
  if (rows !== ready.seeded) throw new Error(`exported ${rows} rows, expected ${ready.seeded}`);

  const baseline = await ask(server, { type: 'baseline' }, 'baseline');
  const exportRate = rows / (exportMs / 1000);
  const baselineRate = baseline.rows / (baseline.ms / 1000);
  console.log(
    `${kind.padEnd(8)} export    ${exportMs.toFixed(0).padStart(7)} ms  ${exportRate.toFixed(0).padStart(7)} rows/s  ${mib(exported.bytes)} MiB CSV (${mib(exported.bytes / (exportMs / 1000))} MiB/s)`,
  );
  console.log(
    `${kind.padEnd(8)} server    ${describePeak(peak)}; ${mib(rssBefore)} MiB RSS before the export`,
  );
  console.log(
    `${kind.padEnd(8)} baseline  ${baseline.ms.toFixed(0).padStart(7)} ms  ${baselineRate.toFixed(0).padStart(7)} rows/s  (the same keyset pages read in the server, no CSV, no HTTP)  ${describePeak(baseline.peak)}`,
  );
  console.log(
    `${kind.padEnd(8)} ratio     ${(exportRate / baselineRate).toFixed(2)}× baseline throughput   server peak RSS ${mib(peak.rss)} MiB vs goal 300 MiB: ${peak.rss < 300 * 1024 * 1024 ? 'met' : 'MISSED'}`,
  );
} finally {
  // The server closes the app, then drops its database or data folder, then exits.
  if (server.exitCode === null) {
    const exited = once(server, 'exit');
    if (server.connected) server.send({ type: 'exit' } satisfies FromParent);
    else server.kill();
    await exited;
  }
}
