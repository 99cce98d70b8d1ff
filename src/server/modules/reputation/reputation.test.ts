import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { Client, createTestApp, signUp } from '../../../../test/helpers/app.js';
import { accept, submit, type Worker } from '../../../../test/helpers/review.js';
import { publishedProject } from '../../../../test/helpers/work.js';

const ctx = await createTestApp();
const { app, clock } = ctx;
const db = ctx.database.db;
const anonymous = new Client(app);

type Requester = Awaited<ReturnType<typeof publishedProject>>['requester'];

/** The worker does one task of the project, taking `seconds`; it is left submitted. */
async function work(worker: Worker, projectId: string, seconds = 120) {
  const id = await accept(worker, projectId);
  clock.advance(seconds * 1000);
  await submit(worker, id);
  return id;
}

async function decide(requester: Requester, id: string, action: 'approve' | 'reject') {
  const body = action === 'reject' ? { reason: 'Not what was asked' } : {};
  const res = await requester.client.post(`/api/v1/assignments/${id}/${action}`, body);
  expect(res.statusCode, res.body).toBe(200);
}

/** A decided (approved) assignment between the requester and the worker. */
async function decidedWork(requester: Requester, worker: Worker) {
  const { projectId } = await publishedProject(app, { requester, tasks: 1 });
  const id = await work(worker, projectId);
  await decide(requester, id, 'approve');
  return id;
}

const rate = (from: { client: Client }, userId: string, body: Record<string, unknown>) =>
  from.client.put(`/api/v1/ratings/${userId}`, body);

async function reputationOf(userId: string) {
  const res = await anonymous.get(`/api/v1/users/${userId}/reputation`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{
    requester: Record<string, unknown> | null;
    worker: Record<string, unknown> | null;
  }>();
}

/** The kept counts of these users, and the same counts recomputed from the whole record. */
async function keptAndRecounted(userIds: string[]) {
  const read = () =>
    db
      .selectFrom('user_reputation')
      .selectAll()
      .where('user_id', 'in', userIds)
      .orderBy('user_id')
      .execute();
  const kept = await read();
  await sql`select refresh_user_reputation(${userIds}::uuid[])`.execute(db);
  return { kept, recounted: await read() };
}

describe('reputation computed from the record', () => {
  it('counts a requester’s decisions, review time, pay per hour and workers paid', async () => {
    const { requester, projectId } = await publishedProject(app, { tasks: 4, rewardCents: 10 });
    const [w1, w2] = [
      await signUp(app, { roles: ['worker'] }),
      await signUp(app, { roles: ['worker'] }),
    ];
    const a = await work(w1, projectId, 120);
    const b = await work(w1, projectId, 120);
    const c = await work(w2, projectId, 240);
    await work(w2, projectId, 60); // still awaiting review: counts nowhere yet
    clock.advance(600_000);
    await decide(requester, a, 'approve');
    await decide(requester, b, 'approve');
    await decide(requester, c, 'reject');

    const ofRequester = await reputationOf(requester.user.id);
    expect(ofRequester.worker).toBeNull();
    expect(ofRequester.requester).toEqual({
      approvalPercent: 67,
      rejectionPercent: 33,
      // Submitted at +120 s, +240 s and +480 s; all decided at +1140 s (the clock stood still).
      medianReviewSeconds: 900,
      // 10 cents for 120, 120 and 240 seconds of work: 300, 300 and 150 cents an hour.
      effectiveHourlyCents: 300,
      workersPaid: 1,
      appealsOverturnedPercent: null,
      ratings: { up: 0, neutral: 0, down: 0 },
      // 33 % rejected: above the default flagRejectionPercent rule of 30 %.
      flagged: true,
    });
    expect((await reputationOf(w1.user.handle)).worker).toEqual({
      approvalPercent: 100,
      approvedCount: 2,
      goldAccuracyPercent: null,
      ratings: { up: 0, neutral: 0, down: 0 },
    });
    expect((await reputationOf(w2.user.id)).worker).toMatchObject({
      approvalPercent: 0,
      approvedCount: 0,
    });
    // What was kept along the way is what a recount of the whole record gives.
    const { kept, recounted } = await keptAndRecounted([requester.user.id, w1.user.id, w2.user.id]);
    expect(kept).toEqual(recounted);
  });

  it('shows the requester’s reputation on their feed entries and previews', async () => {
    const title = `Reputation shown ${Date.now()}`;
    const { requester, projectId } = await publishedProject(app, {
      tasks: 3,
      rewardCents: 10,
      project: { title },
    });
    const worker = await signUp(app, { roles: ['worker'] });
    await decide(requester, await work(worker, projectId), 'approve');
    const other = await signUp(app, { roles: ['worker'] });
    const feed = await other.client.get(`/api/v1/feed?q=${encodeURIComponent(title)}`);
    const entry = feed
      .json<{ items: { projectId: string; requesterReputation: unknown }[] }>()
      .items.find((i) => i.projectId === projectId);
    expect(entry).toBeDefined();
    expect(entry?.requesterReputation).toEqual((await reputationOf(requester.user.id)).requester);
    expect(entry?.requesterReputation).toMatchObject({ approvalPercent: 100, workersPaid: 1 });
    const preview = await other.client.get(`/api/v1/feed/${projectId}`);
    expect(preview.statusCode, preview.body).toBe(200);
    expect(JSON.stringify(preview.json())).toContain('"approvalPercent":100');
  });

  it('answers 404 for an unknown user', async () => {
    const res = await anonymous.get(
      '/api/v1/users/00000000-0000-4000-8000-000000000000/reputation',
    );
    expect(res.statusCode).toBe(404);
  });
});

describe('Boomerang ratings', () => {
  it('lets each side of a decided assignment rate the other, replacing, never stuffing', async () => {
    const { requester } = await publishedProject(app, { tasks: 1 });
    const worker = await signUp(app, { roles: ['worker'] });
    const assignmentId = await decidedWork(requester, worker);

    const up = await rate(worker, requester.user.id, { value: 1, assignmentId });
    expect(up.statusCode, up.body).toBe(200);
    expect(up.json()).toMatchObject({ userId: requester.user.id, value: 1, assignmentId });
    expect((await rate(worker, requester.user.id, { value: 1, assignmentId })).statusCode).toBe(
      200,
    );
    expect((await reputationOf(requester.user.id)).requester?.ratings).toEqual({
      up: 1,
      neutral: 0,
      down: 0,
    });
    // Changed: the earlier rating is replaced.
    expect((await rate(worker, requester.user.id, { value: -1, assignmentId })).statusCode).toBe(
      200,
    );
    expect((await reputationOf(requester.user.id)).requester?.ratings).toEqual({
      up: 0,
      neutral: 0,
      down: 1,
    });
    // The requester rates the worker back.
    expect((await rate(requester, worker.user.id, { value: 0, assignmentId })).statusCode).toBe(
      200,
    );
    expect((await reputationOf(worker.user.id)).worker?.ratings).toEqual({
      up: 0,
      neutral: 1,
      down: 0,
    });
    // Private to the rater: each reads their own rating only.
    const mine = await worker.client.get(`/api/v1/ratings/${requester.user.id}`);
    expect(mine.json()).toMatchObject({ value: -1, assignmentId });
    const stranger = await signUp(app, { roles: ['worker'] });
    const theirs = await stranger.client.get(`/api/v1/ratings/${requester.user.id}`);
    expect(theirs.json()).toMatchObject({ value: null, assignmentId: null });
  });

  it('refuses a rating without a shared decided assignment, for oneself, or of another’s work', async () => {
    const { requester, projectId } = await publishedProject(app, { tasks: 2 });
    const worker = await signUp(app, { roles: ['worker'] });
    const pending = await work(worker, projectId);
    const stranger = await signUp(app, { roles: ['worker', 'requester'] });
    const count = async () =>
      Number(
        (
          await db
            .selectFrom('ratings')
            .select((eb) => eb.fn.countAll().as('n'))
            .where('ratee_id', 'in', [requester.user.id, worker.user.id, stranger.user.id])
            .executeTakeFirstOrThrow()
        ).n,
      );

    const undecided = await rate(worker, requester.user.id, { value: 1, assignmentId: pending });
    expect(undecided.statusCode).toBe(409);
    expect(undecided.json().error.code).toBe('not_decided');

    await decide(requester, pending, 'reject');
    const self = await rate(worker, worker.user.id, { value: 1, assignmentId: pending });
    expect(self.statusCode).toBe(400);
    expect(self.json().error.details).toEqual([
      { path: 'params.userId', message: 'you cannot rate yourself' },
    ]);
    // An assignment the caller is no side of is not found, as any other user's data.
    const notMine = await rate(stranger, requester.user.id, { value: -1, assignmentId: pending });
    expect(notMine.statusCode).toBe(404);
    // A side of it, but rating someone the assignment is not with.
    const wrongUser = await rate(worker, stranger.user.id, { value: -1, assignmentId: pending });
    expect(wrongUser.statusCode).toBe(400);
    expect(wrongUser.json().error.details).toEqual([
      { path: 'body.assignmentId', message: 'is not between you and this user' },
    ]);
    const badValue = await rate(worker, requester.user.id, { value: 2, assignmentId: pending });
    expect(badValue.statusCode).toBe(400);
    expect(badValue.json().error.message).toContain('value');
    expect(await count()).toBe(0);
    expect((await reputationOf(requester.user.id)).requester?.ratings).toEqual({
      up: 0,
      neutral: 0,
      down: 0,
    });
    // A rejected assignment is decided: now the worker may rate.
    expect(
      (await rate(worker, requester.user.id, { value: -1, assignmentId: pending })).statusCode,
    ).toBe(200);
    expect(await count()).toBe(1);
    const unsigned = await anonymous.put(`/api/v1/ratings/${requester.user.id}`, {
      value: 1,
      assignmentId: pending,
    });
    expect(unsigned.statusCode).toBe(401);
  });
});
