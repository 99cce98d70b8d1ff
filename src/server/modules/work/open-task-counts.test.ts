import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { createTestApp, signUp, type Client } from '../../../../test/helpers/app.js';
import { testDatabaseKind } from '../../../../test/helpers/database-kind.js';
import { publishedProject } from '../../../../test/helpers/work.js';
import { foldOpenTaskChanges, openTasksSql } from '../../db/open-tasks.js';
import { createWorkRepository } from './work.repository.js';

// Claims append their change of a project's open tasks instead of updating the project's row
// (migration 20261213010000); the feed adds what is not folded yet, a sweep folds it.
const ctx = await createTestApp();
const { app, clock } = ctx;
const db = ctx.database.db;

type Item = { projectId: string; title: string; tasksAvailable: number };

async function feedOf(client: Client, query: string): Promise<Item[]> {
  const response = await client.get(`/api/v1/feed?${query}`);
  expect(response.statusCode).toBe(200);
  return response.json<{ items: Item[] }>().items;
}

async function accept(client: Client, projectId: string) {
  const response = await client.post(`/api/v1/projects/${projectId}/assignments`);
  expect(response.statusCode, response.body).toBe(201);
  return response.json<{ id: string }>().id;
}

/** The project's row as stored, its changes not folded yet, and a fresh count of its open tasks. */
async function counts(projectId: string) {
  const { rows } = await sql<{ column: number; unfolded: number; count: number; counted: number }>`
    select p.open_tasks as column,
           (select count(*)::int from project_open_task_changes c where c.project_id = p.id)
             as unfolded,
           ${openTasksSql('p')} as count,
           (select count(*)::int from tasks t
             where t.project_id = p.id and t.live_assignments < t.assignments_per_task
               and t.cancelled_at is null) as counted
    from projects p where p.id = ${projectId}`.execute(db);
  return rows[0]!;
}

async function workers(n: number) {
  return Promise.all(Array.from({ length: n }, () => signUp(app, { roles: ['worker'] })));
}

describe('open-task counts', () => {
  it('a claim leaves its project’s row alone; the count and the feed include it before the fold', async () => {
    const marker = `unfolded${Date.now()}`;
    const { projectId } = await publishedProject(app, {
      tasks: 3,
      project: { title: `${marker} three` },
    });
    const [a, b, c, d] = await workers(4);
    await accept(a!.client, projectId);
    expect(await counts(projectId)).toEqual({ column: 3, unfolded: 1, count: 2, counted: 2 });
    expect((await feedOf(d!.client, `q=${marker}`)).map((i) => i.tasksAvailable)).toEqual([2]);

    // Every task taken, nothing folded: the feed hides the project at once.
    await accept(b!.client, projectId);
    await accept(c!.client, projectId);
    expect(await counts(projectId)).toMatchObject({ column: 3, count: 0, counted: 0 });
    expect(await feedOf(d!.client, `q=${marker}`)).toEqual([]);

    // The fold moves the changes into the row and leaves the count as it was.
    expect(await foldOpenTaskChanges(db)).toBeGreaterThanOrEqual(3);
    expect(await counts(projectId)).toEqual({ column: 0, unfolded: 0, count: 0, counted: 0 });

    // A return opens the task again, before any fold.
    const held = await db
      .selectFrom('assignments')
      .select('id')
      .where('project_id', '=', projectId)
      .where('worker_id', '=', a!.user.id)
      .executeTakeFirstOrThrow();
    const returned = await a!.client.post(`/api/v1/assignments/${held.id}/return`);
    expect(returned.statusCode, returned.body).toBe(200);
    expect(await counts(projectId)).toEqual({ column: 0, unfolded: 1, count: 1, counted: 1 });
    expect((await feedOf(d!.client, `q=${marker}`)).map((i) => i.tasksAvailable)).toEqual([1]);
  });

  it('sorts by the open tasks with the changes not folded yet, and the same after the fold', async () => {
    const marker = `availfold${Date.now()}`;
    const project = (title: string, tasks: number) => {
      clock.advance(1000);
      return publishedProject(app, { tasks, project: { title: `${marker} ${title}` } });
    };
    const busy = await project('busy', 6);
    const busier = await project('busier', 5);
    await project('quiet', 4);
    await project('small', 3);
    const [viewer, ...takers] = await workers(5);
    // The kept column still says 6 and 5 for these two, first in the index; their open tasks
    // are 2 and 1, last in the order.
    for (const taker of takers) {
      await accept(taker.client, busy.projectId);
      await accept(taker.client, busier.projectId);
    }
    const listed = async () =>
      (await feedOf(viewer!.client, `q=${marker}&sort=available`)).map((i) => [
        i.title.replace(`${marker} `, ''),
        i.tasksAvailable,
      ]);
    const expected = [
      ['quiet', 4],
      ['small', 3],
      ['busy', 2],
      ['busier', 1],
    ];
    expect(await listed()).toEqual(expected);
    // One project a page: the walk of the index must not skip a project or repeat one.
    const paged: string[] = [];
    let cursor: string | undefined;
    do {
      const response = await viewer!.client.get(
        `/api/v1/feed?q=${marker}&sort=available&limit=1${cursor ? `&cursor=${cursor}` : ''}`,
      );
      const page = response.json<{ items: Item[]; nextCursor: string | null }>();
      paged.push(...page.items.map((i) => i.title.replace(`${marker} `, '')));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(paged).toEqual(expected.map(([title]) => title));

    await foldOpenTaskChanges(db);
    expect(await listed()).toEqual(expected);
  });
});

// Only PostgreSQL runs two transactions at once; the embedded database takes them one at a time.
describe.runIf(testDatabaseKind() === 'postgres')('claims of one project', () => {
  it('never wait for each other’s commit', async () => {
    const { projectId } = await publishedProject(app, { tasks: 3 });
    const [first, second] = await workers(2);
    // A claim that has filled a task and not committed yet.
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let claimed!: () => void;
    const isClaimed = new Promise<void>((resolve) => (claimed = resolve));
    const held = db.transaction().execute(async (trx) => {
      const now = clock.now();
      const claim = await createWorkRepository(trx).claimNext(
        {
          projectId,
          workerId: first!.user.id,
          now,
          deadline: new Date(now.getTime() + 60_000),
          skipLocked: true,
        },
        trx,
      );
      claimed();
      await released;
      return claim;
    });
    await isClaimed;
    try {
      // Before 20261213010000 this accept queued on the project's row behind the open claim.
      const outcome = await Promise.race([
        second!.client.post(`/api/v1/projects/${projectId}/assignments`).then((r) => r.statusCode),
        expect
          .poll(lockWaiters, { interval: 20, timeout: 20_000 })
          .toBeGreaterThan(0)
          .then(() => 'waiting for a lock'),
      ]);
      expect(outcome).toBe(201);
    } finally {
      release();
    }
    expect((await held).assignment).toBeDefined();
    expect(await counts(projectId)).toMatchObject({ count: 1, counted: 1 });
  });

  it('folds concurrent with claims neither lose nor count a change twice', async () => {
    const { projectId } = await publishedProject(app, { tasks: 40 });
    const takers = await workers(30);
    await Promise.all([
      ...takers.map((w) => accept(w.client, projectId)),
      ...Array.from({ length: 10 }, () => foldOpenTaskChanges(db)),
    ]);
    expect(await counts(projectId)).toMatchObject({ count: 10, counted: 10 });
    await foldOpenTaskChanges(db);
    expect(await counts(projectId)).toEqual({ column: 10, unfolded: 0, count: 10, counted: 10 });
  });
});

/** Backends of this database that are waiting for a row lock right now. */
async function lockWaiters(): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    select count(*)::int as n from pg_stat_activity
    where datname = current_database() and wait_event_type = 'Lock'`.execute(db);
  return rows[0]?.n ?? 0;
}
