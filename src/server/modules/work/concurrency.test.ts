import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { createServices } from '../../app.js';
import { createTestApp, signUp } from '../../../../test/helpers/app.js';
import { publishedProject } from '../../../../test/helpers/work.js';
import { testDatabaseKind } from '../../../../test/helpers/database-kind.js';
import { createWorkRepository } from './work.repository.js';
import { openTasksSql } from '../../db/open-tasks.js';

const ctx = await createTestApp();
const { app } = ctx;
const services = createServices({ db: ctx.database.db, clock: ctx.clock, config: ctx.config });

/** Live assignments per task must equal the counter the claim relies on, and never exceed slots. */
async function slotAccounting(projectId: string) {
  const { rows } = await sql<{
    id: string;
    live_assignments: number;
    assignments_per_task: number;
    live: number;
  }>`
    select t.id, t.live_assignments, t.assignments_per_task,
           (select count(*)::int from assignments a
             where a.task_id = t.id and a.status in ('accepted', 'submitted', 'approved')) as live
    from tasks t where t.project_id = ${projectId}`.execute(ctx.database.db);
  return rows;
}

/** The open-task count the feed sorts by, as kept by the triggers and as counted afresh. */
async function openTaskCounts(projectId: string) {
  const { rows } = await sql<{ kept: number; counted: number }>`
    select ${openTasksSql('p')} as kept,
           (select count(*)::int from tasks t
             where t.project_id = p.id and t.live_assignments < t.assignments_per_task) as counted
    from projects p where p.id = ${projectId}`.execute(ctx.database.db);
  return rows[0];
}

describe('concurrent accepts', () => {
  it('50 workers firing 100 concurrent accepts at 10 tasks × 3 slots get exactly 30 assignments', async () => {
    const { projectId } = await publishedProject(app, { tasks: 10, slots: 3 });
    const workers = await Promise.all(
      Array.from({ length: 50 }, () => signUp(app, { roles: ['worker'] })),
    );
    const responses = await Promise.all(
      workers.flatMap((w) =>
        [0, 1].map(() => w.client.post(`/api/v1/projects/${projectId}/assignments`)),
      ),
    );
    const codes = responses.map((r) => r.statusCode);
    expect(codes.filter((c) => c === 201)).toHaveLength(30);
    expect(codes.filter((c) => c !== 201).every((c) => c === 409)).toBe(true);
    expect(
      responses
        .filter((r) => r.statusCode === 409)
        .every((r) => r.json().error.code === 'no_task_available'),
    ).toBe(true);

    const assignments = await ctx.database.db
      .selectFrom('assignments')
      .select(['task_id', 'worker_id'])
      .where('project_id', '=', projectId)
      .execute();
    expect(assignments).toHaveLength(30);
    expect(new Set(assignments.map((a) => `${a.task_id}/${a.worker_id}`)).size).toBe(30);
    const perTask = new Map<string, number>();
    for (const a of assignments) perTask.set(a.task_id, (perTask.get(a.task_id) ?? 0) + 1);
    expect([...perTask.values()]).toEqual(Array(10).fill(3));
    for (const task of await slotAccounting(projectId)) {
      expect(task.live_assignments).toBe(task.live);
    }
    expect(await openTaskCounts(projectId)).toEqual({ kept: 0, counted: 0 });
  });

  it('returns and expiries under load never lose or duplicate a slot', async () => {
    const { projectId } = await publishedProject(app, {
      tasks: 5,
      slots: 2,
      project: { timeAllottedSeconds: 60 },
    });
    const workers = await Promise.all(
      Array.from({ length: 20 }, () => signUp(app, { roles: ['worker'] })),
    );
    // Round 1: ten workers take all ten slots; half give theirs back while others try to accept.
    const first = await Promise.all(
      workers.slice(0, 10).map((w) => w.client.post(`/api/v1/projects/${projectId}/assignments`)),
    );
    expect(first.every((r) => r.statusCode === 201)).toBe(true);
    const churn = await Promise.all([
      ...first
        .slice(0, 5)
        .map((r, i) => workers[i]!.client.post(`/api/v1/assignments/${r.json().id}/return`)),
      ...workers
        .slice(10, 15)
        .map((w) => w.client.post(`/api/v1/projects/${projectId}/assignments`)),
    ]);
    expect(churn.slice(0, 5).every((r) => r.statusCode === 200)).toBe(true);
    const afterChurn = await openTaskCounts(projectId);
    expect(afterChurn?.kept).toBe(afterChurn?.counted);
    // Round 2: every accepted assignment passes its deadline while the last workers accept and the sweep runs.
    ctx.clock.advance(61_000);
    try {
      const late = await Promise.all([
        ...workers.slice(15).map((w) => w.client.post(`/api/v1/projects/${projectId}/assignments`)),
        services.work.sweepExpired(),
        services.work.sweepExpired(),
      ]);
      // Every slot was held by overdue work: each late worker finds one, lazily or after a sweep.
      expect(late.slice(0, 5).map((r) => (r as { statusCode: number }).statusCode)).toEqual(
        Array(5).fill(201),
      );
      for (const task of await slotAccounting(projectId)) {
        expect(task.live_assignments).toBe(task.live);
        expect(task.live).toBeLessThanOrEqual(task.assignments_per_task);
      }
      const overdue = await ctx.database.db
        .selectFrom('assignments')
        .select('id')
        .where('project_id', '=', projectId)
        .where('status', '=', 'accepted')
        .where('deadline', '<=', ctx.clock.now())
        .execute();
      expect(overdue).toEqual([]);
      const afterExpiry = await openTaskCounts(projectId);
      expect(afterExpiry?.kept).toBe(afterExpiry?.counted);
      expect(afterExpiry?.kept).toBeGreaterThan(0);
    } finally {
      ctx.clock.advance(-61_000);
    }
  });
});

/** Backends of this database that are waiting for a row lock right now. */
async function lockWaiters(): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    select count(*)::int as n from pg_stat_activity
    where datname = current_database() and wait_event_type = 'Lock'`.execute(ctx.database.db);
  return rows[0]?.n ?? 0;
}

// Only PostgreSQL runs two statements at once; the embedded database takes them one at a time.
describe.runIf(testDatabaseKind() === 'postgres')('an accept racing a sweep', () => {
  it('waits for the sweep that holds the overdue work and takes the slot it frees', async () => {
    const { projectId } = await publishedProject(app, {
      tasks: 1,
      slots: 1,
      project: { timeAllottedSeconds: 60 },
    });
    const [first, late] = await Promise.all([
      signUp(app, { roles: ['worker'] }),
      signUp(app, { roles: ['worker'] }),
    ]);
    const held = await first.client.post(`/api/v1/projects/${projectId}/assignments`);
    expect(held.statusCode).toBe(201);
    ctx.clock.advance(61_000);
    try {
      // A sweep's statement has locked the overdue assignment and not committed yet.
      let release!: () => void;
      const released = new Promise<void>((resolve) => (release = resolve));
      const sweep = ctx.database.db.transaction().execute(async (trx) => {
        await trx
          .selectFrom('assignments')
          .select('id')
          .where('id', '=', held.json().id)
          .forUpdate()
          .execute();
        await released;
        const repository = createWorkRepository(trx);
        return repository.expireOverdue({ now: ctx.clock.now(), limit: 10 }, trx);
      });
      const accept = late.client.post(`/api/v1/projects/${projectId}/assignments`);
      try {
        await expect.poll(lockWaiters, { interval: 20, timeout: 20_000 }).toBeGreaterThan(0);
      } finally {
        release();
      }
      expect((await sweep).map((a) => a.id)).toEqual([held.json().id]);
      const response = await accept;
      expect(response.statusCode, response.body).toBe(201);
      expect((await slotAccounting(projectId))[0]).toMatchObject({ live_assignments: 1, live: 1 });
    } finally {
      ctx.clock.advance(-61_000);
    }
  });
});
