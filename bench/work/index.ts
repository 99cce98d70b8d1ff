/**
 * Accept → submit throughput on PostgreSQL: 64 simulated workers, each looping "accept the next
 * task, submit answers" over HTTP (bearer tokens, keep-alive) against the compiled `tessera serve`
 * for a fixed time, after a short warm-up. Baseline, same run and same server: pgbench's built-in
 * tpcb-like transactions per second with the same number of clients, as the database's ceiling.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx tsx bench/work/index.ts
 *   WORKERS=64 SECONDS=20 TASKS=60000 SERVER_WORKERS=1|2|auto NODE_ARGS=--cpu-prof …
 *
 * Then, on the same server, the server's CPU per request by kind (cpu-phases.ts): accepts alone,
 * submits alone and `GET /healthz`, PHASE_SECONDS each. While the cycles run, the bench database's
 * busy sessions are sampled by wait event (pg-waits.ts), to say what slow requests wait on.
 */
import { execFileSync } from 'node:child_process';
import http from 'node:http';
import { sql } from 'kysely';
import { performance } from 'node:perf_hooks';
import { createServices } from '../../src/server/app.js';
import { loadConfig } from '../../src/server/config.js';
import { migrateToLatest } from '../../src/server/db/migrate.js';
import { systemClock } from '../../src/server/lib/clock.js';
import { fmt, openBenchDatabase, percentile, withDatabaseName } from '../lib/bench-db.js';
import { cpuPer, cpuSnapshot } from '../lib/cpu-account.js';
import { send } from '../lib/http-load.js';
import { sampleWaits } from '../lib/pg-waits.js';
import { seedPublishedProject, seedWorkerTokens } from '../lib/seed-project.js';
import { buildServer, startServer } from '../lib/server-process.js';
import { measureCpuPhases } from './cpu-phases.js';

const WORKERS = Number(process.env.WORKERS ?? 64);
const SECONDS = Number(process.env.SECONDS ?? 20);
const WARMUP_SECONDS = Number(process.env.WARMUP_SECONDS ?? 3);
const TASKS = Number(process.env.TASKS ?? 60_000);
const PORT = Number(process.env.BENCH_PORT ?? 24801);
const SERVER_WORKERS = process.env.SERVER_WORKERS ?? 'auto';
const PHASE_SECONDS = Number(process.env.PHASE_SECONDS ?? 5);

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
  `workload: ${WORKERS} workers × accept→submit cycles for ${SECONDS} s (after ${WARMUP_SECONDS} s of warm-up), ${TASKS} tasks × 1 slot, HTTP/1.1 keep-alive, tessera serve --workers ${SERVER_WORKERS}, DATABASE_PREPARED_STATEMENTS=${process.env.DATABASE_PREPARED_STATEMENTS ?? 'on'}`,
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
// This machine's PostgreSQL runs with autovacuum off (for the test suites), so nothing would
// give the planner statistics of the seeded tables as autovacuum does in production: planned as
// if `tasks` were empty, each claim sorted all 60,000 open tasks (150 ms instead of 0.1 ms).
await sql`analyze`.execute(bench.handle.db);
await bench.handle.close();

const built = buildServer();
const server = await startServer({
  port: PORT,
  cli: built.cli,
  env: {
    DATABASE_URL: bench.url as string,
    // Each worker sends far more than a person would: the per-caller limits are not measured here.
    RATE_LIMIT_READ_PER_MINUTE: '1000000',
    RATE_LIMIT_WRITE_PER_MINUTE: '1000000',
  },
  serveArgs: ['--workers', SERVER_WORKERS],
  nodeArgs: process.env.NODE_ARGS ? process.env.NODE_ARGS.split(' ') : [],
});

const base = new URL(server.baseUrl);
const agent = new http.Agent({ keepAlive: true, maxSockets: WORKERS });
const acceptMs: number[] = [];
const submitMs: number[] = [];
let cycles = 0;
let failures = 0;
let firstFailure: string | undefined;

function fail(what: string, status: number, body: string) {
  failures += 1;
  firstFailure ??= `${what}: ${status} ${body.slice(0, 300)}`;
}

/** Loops accept → submit until `until`; records latencies only when `measure` is on. */
async function workerLoop(token: string, until: number, measure: boolean) {
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  while (performance.now() < until) {
    let t = performance.now();
    const accepted = await send(agent, base, {
      method: 'POST',
      path: `/api/v1/projects/${project.id}/assignments`,
      headers,
      body: '{}',
    });
    if (measure) acceptMs.push(performance.now() - t);
    const id = accepted.status === 201 ? (JSON.parse(accepted.body) as { id: string }).id : null;
    if (!id) {
      fail('accept', accepted.status, accepted.body);
      continue;
    }
    t = performance.now();
    const submitted = await send(agent, base, {
      method: 'POST',
      path: `/api/v1/assignments/${id}/submit`,
      headers,
      body: JSON.stringify({ answers: { ok: 'y' } }),
    });
    if (measure) submitMs.push(performance.now() - t);
    if (submitted.status !== 200) fail('submit', submitted.status, submitted.body);
    else if (measure) cycles += 1;
  }
}

const warmUntil = performance.now() + WARMUP_SECONDS * 1000;
await Promise.all(tokens.map((token) => workerLoop(token, warmUntil, false)));
// Statistics with assignments in them, as autovacuum would keep them (see above).
execFileSync('psql', [bench.url as string, '-qc', 'analyze']);
server.resetPeak();
const waits = await sampleWaits(bench.url as string);
const cpuBefore = cpuSnapshot(server.pid);
const started = performance.now();
await Promise.all(tokens.map((token) => workerLoop(token, started + SECONDS * 1000, true)));
const elapsed = (performance.now() - started) / 1000;
const cpuAfter = cpuSnapshot(server.pid);
const waitReport = await waits.stop();
const peakRssMiB = server.peakRss() / 1024 / 1024;
const phases = await measureCpuPhases({
  serverPid: server.pid,
  agent,
  base,
  projectId: project.id,
  tokens,
  seconds: PHASE_SECONDS,
});
agent.destroy();
await server.stop();
built.remove();

// The ceiling: pgbench tpcb-like with as many clients, on the same server, right after.
const pgbenchDb = `tessera_pgbench_${process.pid}`;
const adminUrl = process.env.DATABASE_URL;
execFileSync('psql', [adminUrl, '-qc', `drop database if exists ${pgbenchDb}`], {
  stdio: 'ignore',
});
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
const acceptP50 = percentile(acceptMs, 50);
const acceptP99 = percentile(acceptMs, 99);
const cyclesPerSecond = cycles / elapsed;
console.log(
  `accept→submit cycles: ${cycles} in ${fmt(elapsed)} s = ${fmt(cyclesPerSecond)} cycles/s (${failures} failed requests${firstFailure ? `, first: ${firstFailure}` : ''})`,
);
console.log(
  `accept  p50 ${fmt(acceptP50)} ms  p99 ${fmt(acceptP99)} ms  (p99 ÷ p50 = ${fmt(acceptP99 / acceptP50, 2)}, goal ≤ 2)`,
);
console.log(
  `submit  p50 ${fmt(percentile(submitMs, 50))} ms  p99 ${fmt(percentile(submitMs, 99))} ms`,
);
console.log(`CPU per cycle: ${cpuPer(cpuBefore, cpuAfter, cycles)}`);
console.log(waitReport);
const perRequest = (label: string, phase: typeof phases.accept) =>
  `${label} ${phase.serverMs.toFixed(3)} ms (${phase.requests} requests${phase.failures ? `, ${phase.failures} FAILED` : ''})`;
console.log(
  `server CPU per request: ${perRequest('accept', phases.accept)}, ${perRequest('submit', phases.submit)}, ${perRequest('/healthz', phases.healthz)}`,
);
console.log(
  `  ratio to /healthz: accept ${fmt(phases.accept.serverMs / phases.healthz.serverMs, 2)}×, submit ${fmt(phases.submit.serverMs / phases.healthz.serverMs, 2)}× (goal ≤ 2.5×)`,
);
console.log(`server peak RSS ${fmt(peakRssMiB)} MiB (the primary process)`);
console.log(`baseline: pgbench tpcb-like, ${WORKERS} clients, ${SECONDS} s: ${fmt(tps)} tps`);
console.log(
  `ratio: cycles/s ÷ pgbench tps = ${fmt((cyclesPerSecond / tps) * 100)} % (goal ≥ 25 %); accept p99 goal ≤ 2 × p50`,
);
