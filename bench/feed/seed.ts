/**
 * Set-based seeding of a marketplace for the feed bench: requesters, workers with grants of
 * requester-defined qualifications, published projects (a few large, most small) with
 * requirements on about a third of them, tasks with some of their slots taken, the assignments
 * that took them (and some returned ones), and blocks. Every row comes from `generate_series`,
 * so a million tasks take a minute or two, not hours. Ids are derived from ordinals
 * (`bench_uuid`), so one statement can point at rows another made without a lookup table.
 */
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../../src/server/db/database.js';

export type FeedSeedSize = { projects: number; tasks: number; workers: number };

/** Requester-defined qualification types; each worker holds three of them. */
const QUALIFICATION_TYPES = 20;
const APPROVAL_RATE = '00000000-0000-4000-8000-000000000001';
const APPROVED_COUNT = '00000000-0000-4000-8000-000000000002';
const COUNTRY = '00000000-0000-4000-8000-000000000003';

export function seedShape(size: FeedSeedSize) {
  const requesters = Math.max(QUALIFICATION_TYPES, Math.ceil(size.projects / 10));
  // One published project in a hundred is large, and together they hold half of the tasks.
  const large = Math.floor(size.projects / 100);
  const tasksPerLarge = large ? Math.floor(size.tasks / 2 / large) : 0;
  const tasksPerSmall = Math.max(
    1,
    Math.floor((size.tasks - large * tasksPerLarge) / (size.projects - large)),
  );
  return { requesters, large, tasksPerLarge, tasksPerSmall };
}

/** Seeds everything; returns row counts for the workload line. */
export async function seedFeed(db: Db, size: FeedSeedSize) {
  const { requesters, tasksPerLarge, tasksPerSmall } = seedShape(size);
  const { projects, workers } = size;
  const run = (query: ReturnType<typeof sql>) => query.execute(db);

  await run(sql`create function bench_uuid(kind text, n bigint) returns uuid
    immutable language sql as
    $$ select overlay(overlay(md5(kind || n) placing '4' from 13) placing '8' from 17)::uuid $$`);

  await run(sql`
    insert into users (id, email, password_hash, display_name, handle, roles)
    select bench_uuid('r', n), 'bench-requester-' || n || '@example.com', 'x',
      'Requester ' || n, 'br' || n, array['requester']
    from generate_series(1, ${requesters}) as n`);
  await run(sql`
    insert into users (id, email, password_hash, display_name, handle, roles, country)
    select bench_uuid('w', n), 'bench-worker-' || n || '@example.com', 'x', 'Worker ' || n,
      'bw' || n, array['worker'],
      (array['US', 'IN', 'DE', 'BR', 'PH', 'GB', 'KE', null])[1 + n % 8]
    from generate_series(1, ${workers}) as n`);

  await run(sql`
    insert into qualification_types (id, owner_id, name)
    select bench_uuid('q', n), bench_uuid('r', n), 'Skill ' || n
    from generate_series(1, ${QUALIFICATION_TYPES}) as n`);
  await run(sql`
    insert into qualification_grants (type_id, worker_id, value)
    select bench_uuid('q', 1 + (n + k * 7) % ${QUALIFICATION_TYPES}), bench_uuid('w', n),
      (n * 13 + k * 31) % 101
    from generate_series(1, ${workers}) as n cross join generate_series(0, 2) as k`);

  // Published, unexpired projects 1..P (project 1 newest), then a fifth as many that a feed must
  // leave out: drafts, paused, completed, cancelled and expired ones.
  const requirement = sql`case
    when n % 10 = 1 then jsonb_build_array(jsonb_build_object('qualificationTypeId', ${APPROVAL_RATE}::text,
      'comparator', 'GreaterThanOrEqualTo', 'integerValues', jsonb_build_array(90)))
    when n % 10 = 2 then jsonb_build_array(jsonb_build_object('qualificationTypeId',
      bench_uuid('q', 1 + n % ${QUALIFICATION_TYPES})::text, 'comparator', 'GreaterThan',
      'integerValues', jsonb_build_array(30)))
    when n % 10 = 3 then jsonb_build_array(jsonb_build_object('qualificationTypeId', ${COUNTRY}::text,
      'comparator', 'In', 'localeValues', jsonb_build_array('US', 'GB', 'DE')))
    when n % 20 = 4 then jsonb_build_array(
      jsonb_build_object('qualificationTypeId', bench_uuid('q', 1 + n % ${QUALIFICATION_TYPES})::text,
        'comparator', 'Exists'),
      jsonb_build_object('qualificationTypeId', ${APPROVED_COUNT}::text,
        'comparator', 'GreaterThanOrEqualTo', 'integerValues', jsonb_build_array(1)))
    else '[]'::jsonb end`;
  const extra = Math.ceil(projects / 5);
  await run(sql`
    insert into projects (id, owner_id, title, description, keywords, instructions, status,
      reward_cents, assignments_per_task, time_allotted_seconds, auto_approve_seconds,
      expires_at, template, qualification_requirements, task_count, published_at)
    select bench_uuid('p', n), bench_uuid('r', 1 + n % ${requesters}),
      (array['Label', 'Transcribe', 'Rate', 'Check', 'Tag'])[1 + n % 5] || ' item set ' || n,
      'Bench project ' || n || ': a few seconds per item.',
      array[(array['images', 'audio', 'text', 'survey'])[1 + n % 4], 'bench'],
      'Do the task carefully.',
      case when n <= ${projects} then 'published'
        else (array['draft', 'paused', 'completed', 'cancelled', 'published'])[1 + n % 5] end,
      5 + (n * 37) % 200, 1 + n % 3, 600, 259200,
      case when n > ${projects} and n % 5 = 4 then now() - interval '1 day'
        else now() + interval '30 days' end,
      '{"kind":"form","items":[{"type":"text","name":"answer","label":"Answer","required":true}]}'::jsonb,
      ${requirement},
      case when n <= ${projects} and n % 100 = 0 then ${tasksPerLarge}::int else ${tasksPerSmall}::int end,
      now() - n * interval '1 minute'
    from generate_series(1, ${projects + extra}) as n`);
  // Closed long ago: nothing left in escrow, so the settlement sweep has nothing to look at.
  await run(sql`
    update projects set settled_at = now() where status in ('completed', 'cancelled')`);
  await run(sql`
    insert into batches (id, project_id, filename, row_count, columns)
    select bench_uuid('b', n), bench_uuid('p', n), 'bench.csv', p.task_count, array['word']
    from generate_series(1, ${projects + extra}) as n
    join projects p on p.id = bench_uuid('p', n)`);

  // Slots taken per task: all of them in one project in ten (nothing left to do there), else
  // all in 30 % of tasks, all but one in 20 %, none in the rest.
  await run(sql`
    insert into tasks (project_id, batch_id, row_number, number, data, reward_cents,
      assignments_per_task, live_assignments)
    select p.id, bench_uuid('b', n), r, r, jsonb_build_object('word', 'word ' || r),
      p.reward_cents, p.assignments_per_task,
      case when n % 10 = 7 or (n * 7919 + r) % 10 < 3 then p.assignments_per_task
        when (n * 7919 + r) % 10 < 5 then p.assignments_per_task - 1 else 0 end
    from generate_series(1, ${projects + extra}) as n
    join projects p on p.id = bench_uuid('p', n)
    cross join lateral generate_series(1, p.task_count) as r`);

  // The assignments holding those slots, by workers spread over everyone (never two on one
  // task), and a returned one on a tenth of the tasks with a free slot.
  const third = Math.max(1, Math.floor(workers / 3));
  await run(sql`
    insert into assignments (task_id, project_id, worker_id, status, reward_cents, accepted_at,
      deadline, submitted_at, answers, reviewed_at)
    select t.id, t.project_id, bench_uuid('w', 1 + (t.seq * 7 + s * ${third}) % ${workers}),
      case when (t.seq + s) % 3 = 0 then 'submitted' else 'approved' end, t.reward_cents,
      now() - interval '2 days' + t.seq * interval '10 milliseconds',
      now() - interval '2 days' + t.seq * interval '10 milliseconds' + interval '10 minutes',
      now() - interval '2 days' + t.seq * interval '10 milliseconds' + (30 + t.seq % 300) * interval '1 second',
      '{"answer":"ok"}'::jsonb,
      case when (t.seq + s) % 3 <> 0 then now() - interval '1 day' end
    from tasks t cross join lateral generate_series(0, t.live_assignments - 1) as s`);
  await run(sql`
    insert into assignments (task_id, project_id, worker_id, status, reward_cents, accepted_at,
      deadline, returned_at)
    select t.id, t.project_id, bench_uuid('w', 1 + (t.seq * 11 + 2 * ${third} + 1) % ${workers}),
      'returned', t.reward_cents, now() - interval '3 days',
      now() - interval '3 days' + interval '10 minutes', now() - interval '3 days'
    from tasks t
    where t.live_assignments < t.assignments_per_task and t.seq % 10 = 5
    on conflict do nothing`);

  // Inserted already submitted, so the submit trigger did not see them: the hourly-pay stats.
  await run(sql`select refresh_project_work_times(array(select id from projects))`);

  // One worker in five blocked by some requester.
  await run(sql`
    insert into blocks (requester_id, worker_id, reason)
    select bench_uuid('r', 1 + k % ${requesters}), bench_uuid('w', 1 + (k * 7) % ${workers}),
      'bench block'
    from generate_series(1, ${Math.ceil(workers / 5)}) as k
    on conflict do nothing`);

  // Boomerang ratings (DESIGN §10): half the workers (by a hash of their id) rated the requesters
  // of up to eight projects they worked on — up, neutral or down — and some requesters rated
  // workers back, so those workers' feeds take the rating-tier plan and the rated-down filter.
  await run(sql`
    insert into ratings (rater_id, ratee_id, value, assignment_id, created_at, updated_at)
    select distinct on (a.worker_id, p.owner_id) a.worker_id, p.owner_id,
      get_byte(decode(md5(a.id::text), 'hex'), 1) % 3 - 1, a.id, now(), now()
    from assignments a join projects p on p.id = a.project_id
    where a.status = 'approved' and get_byte(decode(md5(a.worker_id::text), 'hex'), 0) % 2 = 0
      and get_byte(decode(md5(a.id::text), 'hex'), 2) < 32
    on conflict do nothing`);
  await run(sql`
    insert into ratings (rater_id, ratee_id, value, assignment_id, created_at, updated_at)
    select distinct on (p.owner_id, a.worker_id) p.owner_id, a.worker_id,
      get_byte(decode(md5(a.id::text), 'hex'), 3) % 3 - 1, a.id, now(), now()
    from assignments a join projects p on p.id = a.project_id
    where a.status = 'approved' and get_byte(decode(md5(a.worker_id::text), 'hex'), 0) % 2 = 0
      and get_byte(decode(md5(a.id::text), 'hex'), 2) < 8
    on conflict do nothing`);

  await run(sql`drop function bench_uuid(text, bigint)`);
  await run(sql`vacuum analyze`);
  return countSeeded(db);
}

/** What a seeded database holds, for the workload line. */
export async function countSeeded(db: Db): Promise<Record<string, number>> {
  const counts = await sql<Record<string, number>>`
    select (select count(*) from projects where status = 'published' and expires_at > now())::int as published,
      (select count(*) from projects)::int as projects,
      (select count(*) from tasks)::int as tasks,
      (select count(*) from users where 'worker' = any(roles))::int as workers,
      (select count(*) from qualification_grants)::int as grants,
      (select count(*) from projects where qualification_requirements <> '[]'::jsonb)::int as with_requirements,
      (select count(*) from assignments)::int as assignments,
      (select count(*) from blocks)::int as blocks,
      (select count(*) from ratings)::int as ratings,
      (select count(distinct rater_id) from ratings r join users u on u.id = r.rater_id
        where 'worker' = any(u.roles))::int as rating_workers`.execute(db);
  return counts.rows[0] as Record<string, number>;
}

/** A seeded worker's id from its ordinal: `bench_uuid('w', n)` computed here. */
export function workerId(n: number): string {
  const hex = createHash('md5').update(`w${n}`).digest('hex');
  const v4 = `${hex.slice(0, 12)}4${hex.slice(13, 16)}8${hex.slice(17)}`;
  return `${v4.slice(0, 8)}-${v4.slice(8, 12)}-${v4.slice(12, 16)}-${v4.slice(16, 20)}-${v4.slice(20)}`;
}
