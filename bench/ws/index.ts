/**
 * Live-event fan-out on one instance: N WebSocket clients (5,000 by default) connected to a
 * `tessera serve` child process; a requester pauses and resumes a project over HTTP, and every
 * client receives the resulting `feed.changed` event. Reports, per round, the delay from sending
 * the request to each client receiving the event (p50/p99 over all clients and rounds), and the
 * server's resident memory per connection. Baseline, same run and same server: the same rounds
 * with 100 clients.
 *
 *   npx tsx bench/ws/index.ts            (embedded database; DATABASE_URL → PostgreSQL)
 *   CLIENTS=5000 BASELINE=100 ROUNDS=20 …
 *
 * Each client is a socket in this process and one in the server's: both need `ulimit -n` above
 * CLIENTS + a few hundred (check with `ulimit -n`; raise the soft limit with `ulimit -n 20000`).
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import WebSocket from 'ws';
import { createServices } from '../../src/server/app.js';
import { loadConfig } from '../../src/server/config.js';
import { openDatabase } from '../../src/server/db/database.js';
import { migrateToLatest } from '../../src/server/db/migrate.js';
import { systemClock } from '../../src/server/lib/clock.js';
import { benchDatabaseKind, fmt, openBenchDatabase, percentile } from '../lib/bench-db.js';
import { seedPublishedProject, seedWorkerTokens } from '../lib/seed-project.js';

const CLIENTS = Number(process.env.CLIENTS ?? 5_000);
const BASELINE = Number(process.env.BASELINE ?? 100);
const ROUNDS = Number(process.env.ROUNDS ?? 20);
const PORT = Number(process.env.BENCH_PORT ?? 22300);
/** Worker accounts the connections are spread over (a user may have many tabs). */
const USERS = 20;
/** Upgrades in flight at once while connecting. */
const CONNECT_CONCURRENCY = 200;

const softLimit = Number(execFileSync('sh', ['-c', 'ulimit -n']).toString().trim());
if (Number.isFinite(softLimit) && softLimit < CLIENTS + 500) {
  console.error(
    `bench/ws needs ${CLIENTS + 500} open files per process; ulimit -n is ${softLimit}: raise it (ulimit -n 20000) or lower CLIENTS.`,
  );
  process.exit(2);
}

// The database, seeded here and then handed to the server process.
const kind = benchDatabaseKind();
const dataDir = kind === 'pglite' ? mkdtempSync(join(tmpdir(), 'tessera-bench-ws-')) : undefined;
const bench =
  kind === 'postgres'
    ? await openBenchDatabase('postgres')
    : {
        handle: await openDatabase({ kind: 'pglite', dataDir: dataDir as string }),
        url: undefined,
        drop: async () => rmSync(dataDir as string, { recursive: true, force: true }),
      };
const config = loadConfig({
  LOG_LEVEL: 'silent',
  ...(bench.url ? { DATABASE_URL: bench.url } : {}),
});
await migrateToLatest(bench.handle.db);
const services = createServices({ db: bench.handle.db, clock: systemClock, config });

console.log(
  `workload: ${CLIENTS} WebSocket clients (baseline ${BASELINE}) on one instance (${kind}), ` +
    `${ROUNDS} rounds of one project pause/resume each → one feed.changed to every client`,
);

const { requester, project } = await seedPublishedProject(services, {
  email: 'bench-ws-requester@example.com',
  depositCents: 1_000_000,
  tasks: 2,
});
const requesterToken = (
  await services.accounts.createToken(requester.id, { name: 'bench', scopes: ['projects:write'] })
).token;
const workerTokens = await seedWorkerTokens(services, {
  prefix: 'bench-ws-worker',
  count: USERS,
  scopes: ['work:read'],
});
await bench.handle.close();

const base = `http://127.0.0.1:${PORT}/api/v1`;
if (
  await fetch(`${base}/healthz`).then(
    () => true,
    () => false,
  )
) {
  console.error(`port ${PORT} is taken (a server left over from another run?): set BENCH_PORT.`);
  process.exit(2);
}

// One instance, fanning out in-process: no Redis even if the caller's shell names one.
const serverEnv: NodeJS.ProcessEnv = { ...process.env };
delete serverEnv.REDIS_URL;
// Straight under node (tsx as a loader) so the pid is the server's own, for RSS.
const server = spawn(process.execPath, ['--import', 'tsx', 'src/cli/tessera.ts', 'serve'], {
  env: {
    ...serverEnv,
    ...(bench.url ? { DATABASE_URL: bench.url } : { DATA_DIR: dataDir }),
    PORT: String(PORT),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    NODE_ENV: 'production',
    SESSION_SECRET: 'b'.repeat(40),
    ACCESS_KEY_ENCRYPTION_KEY: 'c'.repeat(40),
    // Every client connects from this machine as one of USERS accounts: lift the per-address
    // and per-user socket caps, which guard a real server against one client, not this load.
    WS_MAX_PER_ADDRESS: String(CLIENTS),
    WS_MAX_PER_USER: String(Math.ceil(CLIENTS / USERS)),
  },
  stdio: ['ignore', 'inherit', 'inherit'],
});
// However this run ends, the server ends with it.
process.on('exit', () => server.kill('SIGKILL'));
for (let i = 0; ; i++) {
  try {
    if ((await fetch(`${base}/healthz`)).ok) break;
  } catch {
    if (i > 120) throw new Error('server did not start');
  }
  await sleep(500);
}

function serverRssMiB(): number {
  const kib = Number(execFileSync('ps', ['-o', 'rss=', '-p', String(server.pid)]).toString());
  return kib / 1024;
}

type Client = { socket: WebSocket; received: number[] };
const clients: Client[] = [];

function connect(token: string): Promise<Client> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`ws://127.0.0.1:${PORT}/api/v1/ws`, {
      headers: { authorization: `Bearer ${token}` },
      perMessageDeflate: false,
    });
    const client: Client = { socket, received: [] };
    socket.once('message', () => {
      // `ready`: from now on it receives every event; later messages are timed.
      socket.on('message', () => client.received.push(performance.now()));
      resolve(client);
    });
    socket.once('error', reject);
    socket.once('unexpected-response', (_request, response) =>
      reject(new Error(`upgrade refused: HTTP ${response.statusCode}`)),
    );
  });
}

async function connectUpTo(total: number) {
  while (clients.length < total) {
    const batch = Math.min(CONNECT_CONCURRENCY, total - clients.length);
    const opened = await Promise.all(
      Array.from({ length: batch }, (_, i) =>
        connect(workerTokens[(clients.length + i) % USERS] as string),
      ),
    );
    clients.push(...opened);
  }
}

/** The project is published: the first round pauses it, the next resumes it, and so on. */
let action: 'pause' | 'resume' = 'pause';

/** Rounds of pause/resume; every client's delay from each request to its event, in ms. */
async function measure(rounds: number): Promise<{ delays: number[]; requestMs: number[] }> {
  const delays: number[] = [];
  const requestMs: number[] = [];
  for (let round = 0; round < rounds; round++) {
    for (const client of clients) client.received.length = 0;
    const sent = performance.now();
    const response = await fetch(`${base}/projects/${project.id}/${action}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${requesterToken}` },
    });
    await response.arrayBuffer();
    requestMs.push(performance.now() - sent);
    if (!response.ok) throw new Error(`${action} failed: HTTP ${response.status}`);
    const deadline = performance.now() + 30_000;
    while (clients.some((c) => c.received.length === 0)) {
      if (performance.now() > deadline) throw new Error('an event did not reach every client');
      await sleep(5);
    }
    for (const client of clients) delays.push((client.received[0] as number) - sent);
    action = action === 'pause' ? 'resume' : 'pause';
  }
  return { delays: delays.sort((a, b) => a - b), requestMs: requestMs.sort((a, b) => a - b) };
}

const idleRss = serverRssMiB();
await connectUpTo(BASELINE);
await measure(3); // warm-up: JIT, connection pool
const baseline = await measure(ROUNDS);
const baselineRss = serverRssMiB();

const connectStarted = performance.now();
await connectUpTo(CLIENTS);
const connectSeconds = (performance.now() - connectStarted) / 1000;
await sleep(1_000);
const full = await measure(ROUNDS);
await sleep(2_000);
const fullRss = serverRssMiB();

for (const client of clients) client.socket.terminate();
server.kill('SIGTERM');
await new Promise((resolve) => server.once('exit', resolve));
await bench.drop();

const line = (label: string, n: number, m: { delays: number[]; requestMs: number[] }) =>
  `${label.padEnd(10)} ${String(n).padStart(5)} clients: delivery p50 ${fmt(percentile(m.delays, 50))} ms, ` +
  `p99 ${fmt(percentile(m.delays, 99))} ms, max ${fmt(m.delays[m.delays.length - 1] ?? NaN)} ms ` +
  `(request p50 ${fmt(percentile(m.requestMs, 50))} ms)`;
console.log(line('baseline', BASELINE, baseline));
console.log(line('measured', CLIENTS, full));
console.log(
  `connecting ${CLIENTS - BASELINE} more clients took ${fmt(connectSeconds)} s ` +
    `(${fmt((CLIENTS - BASELINE) / connectSeconds, 0)} upgrades/s)`,
);
console.log(
  `server RSS: idle ${fmt(idleRss)} MiB, ${BASELINE} clients ${fmt(baselineRss)} MiB, ` +
    `${CLIENTS} clients ${fmt(fullRss)} MiB → ${fmt(((fullRss - idleRss) * 1024) / CLIENTS)} KiB ` +
    `per connection (from idle), ${fmt(((fullRss - baselineRss) * 1024) / (CLIENTS - BASELINE))} KiB ` +
    `(from ${BASELINE} clients)`,
);
console.log(
  `ratio ${CLIENTS}/${BASELINE} clients: p50 ×${fmt(percentile(full.delays, 50) / percentile(baseline.delays, 50), 2)}, ` +
    `p99 ×${fmt(percentile(full.delays, 99) / percentile(baseline.delays, 99), 2)}`,
);
