/**
 * Accept → submit throughput on PostgreSQL: 64 simulated workers, each looping "accept the next
 * task, submit answers" over HTTP (bearer tokens, keep-alive) against a `tessera serve` child
 * process for a fixed time. Baseline, same run and same server: pgbench's built-in tpcb-like
 * transactions per second with the same number of clients, as the database's ceiling.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx tsx bench/work/index.ts
 *   WORKERS=64 SECONDS=20 TASKS=40000 …
 */
import { execFileSync, spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { createServices } from '../../src/server/app.js';
import { loadConfig } from '../../src/server/config.js';
import { migrateToLatest } from '../../src/server/db/migrate.js';
import { systemClock } from '../../src/server/lib/clock.js';
import { fmt, openBenchDatabase, percentile, withDatabaseName } from '../lib/bench-db.js';
import { seedPublishedProject, seedWorkerTokens } from '../lib/seed-project.js';

const WORKERS = Number(process.env.WORKERS ?? 64);
const SECONDS = Number(process.env.SECONDS ?? 20);
const TASKS = Number(process.env.TASKS ?? 40_000);
const PORT = Number(process.env.BENCH_PORT ?? 24801);

if (!process.env.DATABASE_URL) {
  console.error(
    'bench/work measures PostgreSQL: set DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/postgres).',
  );
  process.exit(2);
}

const bench = await openBenchDatabase('postgres');
const config = loadConfig({ DATABASE_URL: bench.url, LOG_LEVEL: 'silent' });
await migrateToLatest(bench.handle.db);
const services = createServices({ db: bench.handle.db, clock: systemClock, config });

console.log(
  `workload: ${WORKERS} workers × accept→submit cycles for ${SECONDS} s, ${TASKS} tasks × 1 slot, HTTP/1.1 keep-alive`,
);
const { project } = await seedPublishedProject(services, {
  email: 'bench-requester@example.com',
  depositCents: 100_000_000,
  tasks: TASKS,
});
const tokens = await seedWorkerTokens(services, {
  prefix: 'bench-worker',
  count: WORKERS,
  scopes: ['work:read', 'work:write'],
});
await bench.handle.close();

// Run straight under node (tsx as a loader) so the pid is the server's own: kill and RSS hit it.
const server = spawn(process.execPath, ['--import', 'tsx', 'src/cli/tessera.ts', 'serve'], {
  env: {
    ...process.env,
    DATABASE_URL: bench.url,
    PORT: String(PORT),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    NODE_ENV: 'production',
    SESSION_SECRET: 'b'.repeat(40),
  },
  stdio: ['ignore', 'inherit', 'inherit'],
});
const base = `http://127.0.0.1:${PORT}/api/v1`;
for (let i = 0; ; i++) {
  try {
    if ((await fetch(`${base}/healthz`)).ok) break;
  } catch {
    if (i > 120) throw new Error('server did not start');
  }
  await sleep(500);
}

const acceptMs: number[] = [];
const submitMs: number[] = [];
let cycles = 0;
let failures = 0;
const deadline = performance.now() + SECONDS * 1000;
const peakServer = { rssMiB: 0 };

async function workerLoop(token: string) {
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  while (performance.now() < deadline) {
    let t = performance.now();
    const accepted = await fetch(`${base}/projects/${project.id}/assignments`, {
      method: 'POST',
      headers,
      body: '{}',
    });
    const assignment = (await accepted.json()) as { id?: string };
    acceptMs.push(performance.now() - t);
    if (accepted.status !== 201 || !assignment.id) {
      failures += 1;
      continue;
    }
    t = performance.now();
    const submitted = await fetch(`${base}/assignments/${assignment.id}/submit`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ answers: { ok: 'y' } }),
    });
    await submitted.arrayBuffer();
    submitMs.push(performance.now() - t);
    if (submitted.status === 200) cycles += 1;
    else failures += 1;
  }
}

const sampler = setInterval(() => {
  try {
    const kib = Number(
      execFileSync('ps', ['-o', 'rss=', '-p', String(server.pid)])
        .toString()
        .trim(),
    );
    peakServer.rssMiB = Math.max(peakServer.rssMiB, Math.round(kib / 1024));
  } catch {
    // the sampler is best-effort
  }
}, 500);
const started = performance.now();
await Promise.all(tokens.map(workerLoop));
const elapsed = (performance.now() - started) / 1000;
clearInterval(sampler);
server.kill('SIGTERM');
await new Promise((resolve) => server.once('exit', resolve));

// The ceiling: pgbench tpcb-like with as many clients, on the same server, right after.
const pgbenchDb = `tessera_pgbench_${process.pid}`;
const adminUrl = process.env.DATABASE_URL;
execFileSync('psql', [adminUrl, '-qc', `drop database if exists ${pgbenchDb}`]);
execFileSync('psql', [adminUrl, '-qc', `create database ${pgbenchDb}`]);
const pgbenchUrl = withDatabaseName(adminUrl, pgbenchDb);
execFileSync('pgbench', ['-i', '-q', '-s', '10', pgbenchUrl], { stdio: 'ignore' });
const out = execFileSync('pgbench', [
  '-c',
  String(WORKERS),
  '-j',
  '2',
  '-T',
  String(SECONDS),
  '-n',
  pgbenchUrl,
]).toString();
execFileSync('psql', [adminUrl, '-qc', `drop database if exists ${pgbenchDb} with (force)`]);
await bench.drop();
const tps = Number(/tps = ([\d.]+)/.exec(out)?.[1] ?? Number.NaN);

acceptMs.sort((a, b) => a - b);
submitMs.sort((a, b) => a - b);
const cyclesPerSecond = cycles / elapsed;
console.log(
  `accept→submit cycles: ${cycles} in ${fmt(elapsed)} s = ${fmt(cyclesPerSecond)} cycles/s (${failures} failed requests)`,
);
console.log(
  `accept  p50 ${fmt(percentile(acceptMs, 50))} ms  p99 ${fmt(percentile(acceptMs, 99))} ms`,
);
console.log(
  `submit  p50 ${fmt(percentile(submitMs, 50))} ms  p99 ${fmt(percentile(submitMs, 99))} ms`,
);
console.log(`server peak RSS ${peakServer.rssMiB} MiB`);
console.log(`baseline: pgbench tpcb-like, ${WORKERS} clients, ${SECONDS} s: ${fmt(tps)} tps`);
console.log(
  `ratio: cycles/s ÷ pgbench tps = ${fmt((cyclesPerSecond / tps) * 100)} % (goal ≥ 40 %); accept p99 goal ≤ 50 ms`,
);
