/**
 * The aggregation job end to end (issue #17): one project of T tasks × 5 handed-in answers of a
 * 3-option question (default T = 100,000), recomputed by the aggregation service as its
 * background sweep does it — read the answers from the database, Dawid-Skene and majority vote,
 * write every aggregate and worker estimate back in one transaction. Beside it, in the same run,
 * the baseline: the same answers only read (the query the job starts with).
 *
 * The answers are seeded with set-based SQL (the project through the app); the seeding bypasses
 * triggers (`session_replication_role = replica`), which keep counters the job never reads.
 *
 *   DATABASE_URL=postgres://… npx tsx bench/aggregate-sweep/index.ts [--tasks N]
 *   (without DATABASE_URL: the embedded database)
 */
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { buildApp } from '../../src/server/app.js';
import { loadConfig } from '../../src/server/config.js';
import type { Db } from '../../src/server/db/database.js';
import { migrateToLatest } from '../../src/server/db/migrate.js';
import { systemClock } from '../../src/server/lib/clock.js';
import { createAggregationService } from '../../src/server/modules/aggregation/aggregation.service.js';
import { benchDatabaseKind, openBenchDatabase } from '../lib/bench-db.js';

const { values: args } = parseArgs({ options: { tasks: { type: 'string' } } });
const TASKS = Number(args.tasks ?? 100_000);
if (!Number.isInteger(TASKS) || TASKS < 1) throw new Error('--tasks must be a whole number ≥ 1');
const PER_TASK = 5;
const WORKERS = 1_000;

const TEMPLATE = {
  kind: 'form',
  items: [
    {
      type: 'single_choice',
      name: 'label',
      label: 'Which is it?',
      required: true,
      options: ['a', 'b', 'c'].map((value) => ({ value, label: value })),
    },
  ],
};

/** The project, made through the app as a requester would make it. */
async function createProject(db: Db): Promise<string> {
  const app = await buildApp({
    config: loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' }),
    db,
    logger: false,
  });
  await app.ready();
  try {
    const signup = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/signup',
      payload: {
        email: 'aggregate-bench@example.com',
        password: 'bench password 1',
        displayName: 'Bench',
        roles: ['requester'],
      },
    });
    const cookies = signup.cookies as { name: string; value: string }[];
    const project = await app.inject({
      method: 'POST',
      url: '/api/v1/projects',
      headers: {
        cookie: cookies.map((c) => `${c.name}=${c.value}`).join('; '),
        'x-csrf-token': cookies.find((c) => c.name === 'csrf_token')?.value ?? '',
      },
      payload: {
        title: 'Aggregation bench',
        rewardCents: 10,
        assignmentsPerTask: PER_TASK,
        template: TEMPLATE,
      },
    });
    if (project.statusCode !== 201) throw new Error(project.body);
    return project.json<{ id: string }>().id;
  } finally {
    await app.close();
  }
}

/**
 * Workers, tasks and PER_TASK submitted answers per task: the truth of task n is n mod 3; a
 * worker answers it right 7 times in 10 (by a fixed pattern), else another option.
 */
async function seed(db: Db, projectId: string) {
  await db.transaction().execute(async (trx) => {
    await sql`set local session_replication_role = replica`.execute(trx);
    await sql`
      insert into users (email, password_hash, display_name, handle, roles)
      select 'agg-worker-' || n || '@example.com', 'x', 'Worker ' || n, 'aw' || n, array['worker']
      from generate_series(1, ${WORKERS}) as n`.execute(trx);
    const batch = await trx
      .insertInto('batches')
      .values({ project_id: projectId, filename: 'bench.csv', columns: ['n'], row_count: TASKS })
      .returning('id')
      .executeTakeFirstOrThrow();
    await sql`
      insert into tasks (project_id, batch_id, row_number, number, data, reward_cents,
        assignments_per_task, live_assignments)
      select ${projectId}, ${batch.id}, n, n, jsonb_build_object('n', n), 10, ${PER_TASK},
        ${PER_TASK}
      from generate_series(1, ${TASKS}) as n`.execute(trx);
    await sql`
      with w as (
        select array_agg(id order by id) as ids from users where email like 'agg-worker-%'
      ), slots as (
        select t.id as task_id, t.row_number as n, s.slot
        from tasks t cross join generate_series(0, ${PER_TASK - 1}) as s(slot)
        where t.project_id = ${projectId}
      )
      insert into assignments (task_id, project_id, worker_id, status, reward_cents, accepted_at,
        deadline, submitted_at, answers)
      select s.task_id, ${projectId}, w.ids[1 + (s.n * ${PER_TASK} + s.slot) % ${WORKERS}],
        'submitted', 10, now() - interval '1 hour', now() + interval '1 hour', now(),
        jsonb_build_object('label', (array['a', 'b', 'c'])[1 +
          case when (s.n * 7 + s.slot * 13) % 10 < 7 then s.n % 3 else (s.n + 1 + s.slot % 2) % 3 end])
      from slots s cross join w`.execute(trx);
  });
  await sql`analyze`.execute(db);
}

function timed<T>(run: () => Promise<T>) {
  return async () => {
    const started = performance.now();
    const cpu = process.cpuUsage();
    const result = await run();
    const used = process.cpuUsage(cpu);
    return {
      result,
      seconds: (performance.now() - started) / 1000,
      cpuSeconds: (used.user + used.system) / 1e6,
    };
  };
}

const kind = benchDatabaseKind();
const bench = await openBenchDatabase(kind);
const db = bench.handle.db;
try {
  await migrateToLatest(db);
  const projectId = await createProject(db);
  const seedStarted = performance.now();
  await seed(db, projectId);
  console.log(
    `workload: ${TASKS.toLocaleString('en')} tasks × ${PER_TASK} submitted answers × 3 options, ` +
      `${WORKERS.toLocaleString('en')} workers, on ${kind} ` +
      `(seeded in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s)`,
  );
  const aggregation = createAggregationService({
    db,
    clock: systemClock,
    loadGoldTruths: async () => new Map(),
  });
  const readOnly = timed(async () => {
    const { rows } = await sql`
      select a.task_id, t.seq, a.worker_id, a.answers from assignments a
      join tasks t on t.id = a.task_id
      where a.project_id = ${projectId} and a.status in ('submitted', 'approved', 'rejected')
      order by t.seq, a.id`.execute(db);
    return rows.length;
  });
  const job = timed(async () => {
    // A fresh lease each time: the bench plays the sweep finding the project stale again.
    await sql`delete from project_aggregations where project_id = ${projectId}`.execute(db);
    return aggregation.recompute(projectId, new Date());
  });
  for (const round of [1, 2]) {
    const read = await readOnly();
    const whole = await job();
    if (!whole.result) throw new Error('the lease was not taken');
    console.log(
      `round ${round}: read the answers ${read.seconds.toFixed(2)} s (${read.result.toLocaleString('en')} rows)   ` +
        `the whole job ${whole.seconds.toFixed(2)} s (this process's CPU ${whole.cpuSeconds.toFixed(2)} s)   ` +
        `ratio ${(whole.seconds / read.seconds).toFixed(2)}×   RSS after ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB`,
    );
  }
  const written = await sql<{ n: number }>`
    select count(*)::int as n from task_aggregates where project_id = ${projectId}`.execute(db);
  console.log(`aggregates written: ${written.rows[0]?.n.toLocaleString('en')} (both methods)`);
} finally {
  await bench.handle.close();
  await bench.drop();
}
