/**
 * The export bench's data: a requester (with a bearer token for the download) and their form
 * project made through the app, then workers, one batch of tasks and their assignments with
 * answers seeded with set-based SQL.
 */
import type { InjectOptions } from 'fastify';
import { sql } from 'kysely';
import { buildApp, type App } from '../../src/server/app.js';
import { loadConfig } from '../../src/server/config.js';
import type { Db } from '../../src/server/db/database.js';

const SLOTS = 2;
const WORKERS = 1_000;

async function inject(app: App, options: InjectOptions, status: number) {
  const response = await app.inject(options);
  if (response.statusCode !== status) throw new Error(`${response.statusCode}: ${response.body}`);
  return response;
}

/** A requester, their token (projects:read) and their form project of SLOTS slots per task. */
async function createProject(db: Db) {
  const app = await buildApp({
    config: loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', PAYMENTS_SANDBOX: 'true' }),
    db,
    logger: false,
  });
  await app.ready();
  try {
    const signup = await inject(
      app,
      {
        method: 'POST',
        url: '/api/v1/auth/signup',
        payload: {
          email: 'export-bench@example.com',
          password: 'bench password 1',
          displayName: 'Bench',
          roles: ['requester'],
        },
      },
      201,
    );
    const cookies = signup.cookies as { name: string; value: string }[];
    const headers = {
      cookie: cookies.map((c) => `${c.name}=${c.value}`).join('; '),
      'x-csrf-token': cookies.find((c) => c.name === 'csrf_token')?.value ?? '',
    };
    const { token } = (
      await inject(
        app,
        {
          method: 'POST',
          url: '/api/v1/me/tokens',
          headers,
          payload: { name: 'export bench', scopes: ['projects:read'] },
        },
        201,
      )
    ).json<{ token: string }>();
    const project = await inject(
      app,
      {
        method: 'POST',
        url: '/api/v1/projects',
        headers,
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
      },
      201,
    );
    return {
      userId: signup.json<{ user: { id: string } }>().user.id,
      token,
      projectId: project.json<{ id: string }>().id,
    };
  } finally {
    await app.close();
  }
}

/**
 * Seeds `rows` assignments: workers, one batch of rows / SLOTS tasks, SLOTS assignments each
 * with answers — 60 % approved, 30 % submitted, 10 % rejected with feedback that starts with "=".
 */
export async function seedExport(db: Db, rows: number) {
  const owner = await createProject(db);
  const { projectId } = owner;
  const tasks = Math.ceil(rows / SLOTS);
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
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await sql`
    insert into tasks (project_id, batch_id, row_number, number, data, reward_cents,
      assignments_per_task, live_assignments)
    select ${projectId}, ${batch.id}, n, n,
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
      where t.project_id = ${projectId} and (t.row_number - 1) * ${SLOTS} + s.slot < ${rows}
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
  return { ...owner, seeded: count.rows[0]?.n ?? 0, tasks, slots: SLOTS };
}
