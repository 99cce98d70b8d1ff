/**
 * The export bench's server process (started by ./index.ts, never on its own): seeds the
 * database, serves the real app on 127.0.0.1, measures its own memory while the parent
 * downloads, and runs the baseline. Everything that touches the database lives here, so the
 * embedded database (which is in-process) is measured as part of the server, as it is deployed.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  constants,
  performance,
  PerformanceObserver,
  type PerformanceEntry,
} from 'node:perf_hooks';
import { sql } from 'kysely';
import pg from 'pg';
import { buildApp, type App } from '../../src/server/app.js';
import { loadConfig } from '../../src/server/config.js';
import { openDatabase, type DatabaseHandle } from '../../src/server/db/database.js';
import { migrateToLatest } from '../../src/server/db/migrate.js';
import { systemClock } from '../../src/server/lib/clock.js';
import { createResultsService } from '../../src/server/modules/results/results.service.js';
import type { FromParent, FromServer, MemoryPeak } from './protocol.js';

const ROWS = Number(process.argv[2]);
const SLOTS = 2;
const WORKERS = 1_000;
const kind = process.env.DATABASE_URL ? 'postgres' : 'pglite';

function send(message: FromServer) {
  process.send?.(message);
}

/**
 * Peaks of RSS and of the JS heap, sampled every 10 ms (between I/O turns), and the largest heap
 * left after a full garbage collection: what the process really holds, garbage excluded.
 */
function memoryMeter() {
  let peak: MemoryPeak = { rss: 0, heapTotal: 0, liveAfterGc: 0 };
  const sample = () => {
    const usage = process.memoryUsage();
    peak.rss = Math.max(peak.rss, usage.rss);
    peak.heapTotal = Math.max(peak.heapTotal, usage.heapTotal);
  };
  const timer = setInterval(sample, 10);
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      const { detail } = entry as PerformanceEntry & { detail?: { kind?: number } };
      if (detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR)
        peak.liveAfterGc = Math.max(peak.liveAfterGc, process.memoryUsage().heapUsed);
    }
  });
  observer.observe({ entryTypes: ['gc'] });
  return {
    reset() {
      peak = { rss: 0, heapTotal: 0, liveAfterGc: 0 };
      sample();
    },
    read(): MemoryPeak {
      sample();
      return { ...peak };
    },
    stop() {
      clearInterval(timer);
      observer.disconnect();
    },
  };
}

async function openBenchDatabase(): Promise<{
  handle: DatabaseHandle;
  drop: () => Promise<void>;
}> {
  if (kind === 'pglite') {
    // A data folder, not memory: an in-memory PGlite would hold every row in this process.
    const dataDir = mkdtempSync(join(tmpdir(), 'tessera-export-bench-'));
    const handle = await openDatabase({ kind: 'pglite', dataDir });
    return { handle, drop: async () => rmSync(dataDir, { recursive: true, force: true }) };
  }
  const url = process.env.DATABASE_URL as string;
  const name = `tessera_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const target = new URL(url);
  target.pathname = `/${name}`;
  const handle = await openDatabase({ kind: 'postgres', url: target.toString() });
  return {
    handle,
    drop: async () => {
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

async function signUpRequester(app: App) {
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
  const user = signup.json<{ user: { id: string } }>().user;
  const cookies = signup.cookies as { name: string; value: string }[];
  const cookie = cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  return { userId: user.id, headers: { cookie } };
}

async function createProject(app: App, headers: Record<string, string>, csrf: string) {
  const response = await app.inject({
    method: 'POST',
    url: '/api/v1/projects',
    headers: { ...headers, 'x-csrf-token': csrf },
    payload: {
      title: 'Export bench',
      rewardCents: 10,
      assignmentsPerTask: SLOTS,
      template: {
        kind: 'form',
        items: [
          { type: 'image', name: 'photo', url: '{{image_url}}' },
          { type: 'text', name: 'label', label: 'Label for {{title}}', required: true },
          {
            type: 'multiple_choice',
            name: 'tags',
            label: 'Tags',
            options: ['a', 'b', 'c'].map((value) => ({ value, label: value })),
          },
          { type: 'number', name: 'score', label: 'Score' },
        ],
      },
    },
  });
  if (response.statusCode !== 201) throw new Error(`create project failed: ${response.body}`);
  return response.json<{ id: string }>().id;
}

/**
 * Set-based seeding: workers, one batch of ROWS / SLOTS tasks, SLOTS assignments each with
 * answers — 60 % approved, 30 % submitted, 10 % rejected with feedback that starts with "=".
 */
async function seed(db: DatabaseHandle['db'], projectId: string): Promise<number> {
  const tasks = Math.ceil(ROWS / SLOTS);
  await sql`
    insert into users (email, password_hash, display_name, handle, roles)
    select 'bench-worker-' || n || '@example.com', 'x', 'Worker ' || n, 'bw' || n,
      array['worker']
    from generate_series(1, ${WORKERS}) as n`.execute(db);
  const batch = await db
    .insertInto('batches')
    .values({
      project_id: projectId,
      filename: 'bench.csv',
      columns: ['title', 'image_url'],
      row_count: tasks,
      idempotency_key: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await sql`
    insert into tasks (project_id, batch_id, row_number, data, reward_cents,
      assignments_per_task, live_assignments)
    select ${projectId}, ${batch.id}, n,
      jsonb_build_object('title', 'Photo ' || n || ', taken "outdoors"',
        'image_url', 'https://img.example.com/' || n || '.jpg'),
      10, ${SLOTS}, ${SLOTS}
    from generate_series(1, ${tasks}) as n`.execute(db);
  // Worker k of task n is (n × SLOTS + slot) mod WORKERS: never twice on one task.
  await sql`
    with w as (
      select array_agg(id order by id) as ids from users where email like 'bench-worker-%'
    ), slots as (
      select t.id as task_id, t.row_number as n, s.slot,
        timestamptz '2026-11-01T00:00:00Z' + t.row_number * interval '1 second' as accepted_at
      from tasks t cross join generate_series(0, ${SLOTS - 1}) as s(slot)
      where t.project_id = ${projectId} and (t.row_number - 1) * ${SLOTS} + s.slot < ${ROWS}
    )
    insert into assignments (task_id, project_id, worker_id, status, reward_cents, accepted_at,
      deadline, submitted_at, answers, reviewed_at, feedback)
    select s.task_id, ${projectId}, w.ids[1 + (s.n * ${SLOTS} + s.slot) % ${WORKERS}],
      case when s.n % 10 < 6 then 'approved' when s.n % 10 < 9 then 'submitted' else 'rejected' end,
      10, s.accepted_at, s.accepted_at + interval '1 hour',
      s.accepted_at + (30 + s.n % 300) * interval '1 second',
      jsonb_build_object('label', 'label ' || s.n || '-' || s.slot,
        'tags', case when s.n % 3 = 0 then '["a","b"]'::jsonb else '["c"]'::jsonb end,
        'score', s.n % 10 - 2),
      case when s.n % 10 < 6 or s.n % 10 = 9 then s.accepted_at + interval '1 day' end,
      case when s.n % 10 = 9 then '=Please read the instructions' end
    from slots s cross join w`.execute(db);
  await sql`analyze`.execute(db);
  const count = await sql<{ n: number }>`select count(*)::int as n from assignments`.execute(db);
  return count.rows[0]?.n ?? 0;
}

/** Listens on a free port in 20000–32000 (below the ephemeral range, as the project's tools do). */
async function listen(app: App): Promise<number> {
  for (let attempt = 0; ; attempt++) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    try {
      await app.listen({ host: '127.0.0.1', port });
      return (app.server.address() as AddressInfo).port;
    } catch (error) {
      if ((error as { code?: string }).code !== 'EADDRINUSE' || attempt > 20) throw error;
    }
  }
}

const { handle, drop } = await openBenchDatabase();
const meter = memoryMeter();
try {
  await migrateToLatest(handle.db);
  const app = await buildApp({
    config: loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', PAYMENTS_SANDBOX: 'true' }),
    db: handle.db,
    logger: false,
  });
  await app.ready();
  const requester = await signUpRequester(app);
  const csrf = /csrf_token=([^;]+)/.exec(requester.headers.cookie)?.[1] ?? '';
  const projectId = await createProject(app, requester.headers, csrf);
  const seedStarted = performance.now();
  const seeded = await seed(handle.db, projectId);
  const seedMs = performance.now() - seedStarted;
  const port = await listen(app);
  const results = createResultsService({ db: handle.db, clock: systemClock });

  await new Promise<void>((resolve, reject) => {
    process.on('message', (message: FromParent) => {
      switch (message.type) {
        case 'measure':
          meter.reset();
          send({ type: 'measuring', rssBefore: process.memoryUsage().rss });
          break;
        case 'read':
          send({ type: 'memory', peak: meter.read() });
          break;
        case 'baseline': {
          // The export's own paged query, read and dropped: no CSV formatting, no HTTP.
          meter.reset();
          const started = performance.now();
          void (async () => {
            const opened = await results.open(requester.userId, projectId, {}, 'csv');
            let rows = 0;
            for await (const page of opened.pages()) rows += page.length;
            send({
              type: 'baseline',
              rows,
              ms: performance.now() - started,
              peak: meter.read(),
            });
          })().catch(reject);
          break;
        }
        case 'exit':
          app.close().then(resolve, reject);
          break;
      }
    });
    send({ type: 'ready', kind, port, projectId, headers: requester.headers, seeded, seedMs });
  });
} finally {
  meter.stop();
  await handle.close();
  await drop();
}
process.disconnect?.();
