import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { createTestApp, signUp } from '../../../test/helpers/app.js';
import { accept, submit } from '../../../test/helpers/review.js';
import { publishedProject } from '../../../test/helpers/work.js';

const ctx = await createTestApp();
const { app, clock } = ctx;
const db = ctx.database.db;

type Case = {
  seconds: number;
  allotted: number;
  estimated: number | null;
  minimum: number;
  plausible: boolean;
};

/*
 * "Plausible work" has one home, the SQL function is_plausible_work (migration
 * 20261211060000_plausible_work). The server's TypeScript reads only what it measured
 * (lib/hourly-pay.ts), so there is no second spelling to agree with: what must agree are the two
 * measurements that call it, the project's work times and the requester's effective hourly pay.
 */
describe('plausible work', () => {
  it('is at least 5 s, 1 % of the time allotted, a tenth of the estimate and minWorkSeconds', async () => {
    const cases: Case[] = [
      // 5 seconds at the least, whatever the project says.
      { seconds: 4.999, allotted: 60, estimated: null, minimum: 0, plausible: false },
      { seconds: 5, allotted: 60, estimated: null, minimum: 0, plausible: true },
      // 1 % of the time allotted: 36 s of an hour.
      { seconds: 35.9, allotted: 3600, estimated: null, minimum: 0, plausible: false },
      { seconds: 36, allotted: 3600, estimated: null, minimum: 0, plausible: true },
      // A tenth of the requester's estimate: 30 s of 300.
      { seconds: 29, allotted: 600, estimated: 300, minimum: 0, plausible: false },
      { seconds: 30, allotted: 600, estimated: 300, minimum: 0, plausible: true },
      // The project's minWorkSeconds.
      { seconds: 44, allotted: 600, estimated: 300, minimum: 45, plausible: false },
      { seconds: 45, allotted: 600, estimated: 300, minimum: 45, plausible: true },
    ];
    for (const c of cases) {
      const { rows } = await sql<{ plausible: boolean }>`
        select is_plausible_work(${c.seconds}::float8, ${c.allotted}::int, ${c.estimated}::int,
                                 ${c.minimum}::int) as plausible`.execute(db);
      expect(rows[0]?.plausible, JSON.stringify(c)).toBe(c.plausible);
    }
  });

  it("counts the same work in the project's hourly pay and in the requester's", async () => {
    // 10 minutes allotted (1 %: 6 s) and an estimate of 300 s (a tenth: 30 s): work of 20 s is
    // plausible by the allotment alone, not by the whole rule.
    const { requester, projectId } = await publishedProject(app, {
      tasks: 6,
      rewardCents: 10,
      project: { timeAllottedSeconds: 600, estimatedSeconds: 300 },
    });
    const worker = await signUp(app, { roles: ['worker'] });
    const ids: string[] = [];
    for (const seconds of [20, 60, 20, 120, 20, 180]) {
      const id = await accept(worker, projectId);
      clock.advance(seconds * 1000);
      await submit(worker, id);
      ids.push(id);
    }
    const approved = await requester.client.post(`/api/v1/projects/${projectId}/review`, {
      action: 'approve',
      assignmentIds: ids,
    });
    expect(approved.statusCode, approved.body).toBe(200);

    const project = await db
      .selectFrom('projects')
      .select(['work_samples', 'work_seconds_median'])
      .where('id', '=', projectId)
      .executeTakeFirstOrThrow();
    expect(project).toEqual({ work_samples: 3, work_seconds_median: 120 });
    const kept = await db
      .selectFrom('user_reputation')
      .select('effective_hourly_cents')
      .where('user_id', '=', requester.user.id)
      .executeTakeFirstOrThrow();
    // 10 cents for 60, 120 and 180 s: 600, 300 and 200 an hour. Counting the 20-second work
    // (1,800 an hour each) would have made the median 1,200.
    expect(kept.effective_hourly_cents).toBe(300);
    await sql`select refresh_user_reputation(${[requester.user.id]}::uuid[])`.execute(db);
    const recounted = await db
      .selectFrom('user_reputation')
      .select('effective_hourly_cents')
      .where('user_id', '=', requester.user.id)
      .executeTakeFirstOrThrow();
    expect(recounted).toEqual(kept);
  });
});
