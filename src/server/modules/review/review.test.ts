import { describe, expect, it } from 'vitest';
import { Client, createTestApp, signUp } from '../../../../test/helpers/app.js';
import { expectLedgerConsistent } from '../../../../test/helpers/ledger.js';
import { balance, signUpRequester } from '../../../../test/helpers/projects.js';
import {
  accept,
  earnings,
  fundedProject,
  notificationsOf,
  paymentsOf,
  slotDrift,
  submissions,
  submit,
} from '../../../../test/helpers/review.js';

// A 10 % platform fee: a reward of 10 cents costs the requester 11.
const ctx = await createTestApp({ env: { PLATFORM_FEE_PERCENT: '10' } });
const { app } = ctx;
const db = ctx.database.db;
const DAY = 24 * 3600 * 1000;

const consistent = { unbalanced: [], drifted: [], empty: [] };

describe('the review list', () => {
  it('shows submissions with answers, task data, worker and time spent, filtered and paged', async () => {
    const { requester, projectId } = await fundedProject(app, { tasks: 3 });
    const worker = await signUp(app, { roles: ['worker'], displayName: 'Ada Worker' });
    const first = await accept(worker, projectId);
    ctx.clock.advance(90_000);
    await submit(worker, first);
    const [other] = await submissions(app, projectId, 1);
    const lazy = await signUp(app, { roles: ['worker'] });
    await accept(lazy, projectId);

    const res = await requester.client.get(`/api/v1/projects/${projectId}/assignments`);
    expect(res.statusCode).toBe(200);
    const page = res.json();
    expect(page.counts).toEqual({ submitted: 2, accepted: 1 });
    expect(page.items).toHaveLength(3);
    const mine = page.items.find((i: { id: string }) => i.id === first);
    expect(mine).toMatchObject({
      status: 'submitted',
      answers: { animal: 'yes', note: 'fine' },
      worker: { id: worker.user.id, handle: worker.user.handle, displayName: 'Ada Worker' },
      task: { rowNumber: 1, data: { word: 'word0' } },
      timeSpentSeconds: 90,
      rewardCents: 10,
      bonuses: [],
    });
    expect(mine.autoApproveAt).toBe(new Date(ctx.clock.now().getTime() + 3 * DAY).toISOString());

    const submitted = (
      await requester.client.get(`/api/v1/projects/${projectId}/assignments?status=submitted`)
    ).json();
    expect(submitted.items.map((i: { id: string }) => i.id).sort()).toEqual(
      [first, other!.id].sort(),
    );
    const byWorker = (
      await requester.client.get(
        `/api/v1/projects/${projectId}/assignments?workerId=${worker.user.id}`,
      )
    ).json();
    expect(byWorker.items.map((i: { id: string }) => i.id)).toEqual([first]);
    const batchId = mine.task.batchId;
    const byBatch = (
      await requester.client.get(`/api/v1/projects/${projectId}/assignments?batchId=${batchId}`)
    ).json();
    expect(byBatch.items).toHaveLength(3);

    const one = (
      await requester.client.get(`/api/v1/projects/${projectId}/assignments?limit=2`)
    ).json();
    expect(one.items).toHaveLength(2);
    const two = (
      await requester.client.get(
        `/api/v1/projects/${projectId}/assignments?limit=2&cursor=${one.nextCursor}`,
      )
    ).json();
    expect(two.items).toHaveLength(1);
    expect(two.nextCursor).toBeNull();
    expect(
      (await requester.client.get(`/api/v1/projects/${projectId}/assignments?status=nope`))
        .statusCode,
    ).toBe(400);
  });

  it('shows an assignment to its requester with the filled task, and to nobody else', async () => {
    const { requester, projectId } = await fundedProject(app);
    const [done] = await submissions(app, projectId, 1);
    const id = done!.id;
    const view = await requester.client.get(`/api/v1/assignments/${id}`);
    expect(view.statusCode).toBe(200);
    expect(view.json()).toMatchObject({
      id,
      status: 'submitted',
      worker: { id: done!.worker.user.id },
      task: { data: { word: 'word0' } },
      template: { kind: 'form' },
      bonuses: [],
    });
    expect(view.json().instructions).toBeTypeOf('string');
    const own = await done!.worker.client.get(`/api/v1/assignments/${id}`);
    expect(own.statusCode).toBe(200);
    expect(own.json()).toMatchObject({ id, status: 'submitted', bonuses: [] });
    expect(own.json().worker).toBeUndefined();

    const stranger = await signUpRequester(app);
    expect((await stranger.client.get(`/api/v1/assignments/${id}`)).statusCode).toBe(404);
    const otherWorker = await signUp(app, { roles: ['worker'] });
    expect((await otherWorker.client.get(`/api/v1/assignments/${id}`)).statusCode).toBe(404);
    expect((await new Client(app).get(`/api/v1/assignments/${id}`)).statusCode).toBe(401);
    expect(
      (await stranger.client.get(`/api/v1/projects/${projectId}/assignments`)).statusCode,
    ).toBe(404);
    expect(
      (await done!.worker.client.get(`/api/v1/projects/${projectId}/assignments`)).statusCode,
    ).toBe(403);
  });

  it('lets tokens read with projects:read and refuses a requester token without it', async () => {
    const { requester, projectId } = await fundedProject(app);
    const [done] = await submissions(app, projectId, 1);
    const tokenWith = async (scopes: string[]) => {
      const bot = new Client(app);
      bot.bearer = (
        await requester.client.post('/api/v1/me/tokens', { name: 't', scopes })
      ).json().token;
      return bot;
    };
    const reader = await tokenWith(['projects:read']);
    expect((await reader.get(`/api/v1/assignments/${done!.id}`)).statusCode).toBe(200);
    const workReader = await tokenWith(['work:read']);
    const denied = await workReader.get(`/api/v1/assignments/${done!.id}`);
    expect(denied.statusCode).toBe(403);
    expect(denied.json().error.code).toBe('insufficient_scope');
    const noReview = await reader.post(`/api/v1/assignments/${done!.id}/approve`, {});
    expect(noReview.statusCode).toBe(403);
    expect(noReview.json().error.details.requiredScope).toBe('review:write');
  });
});

describe('approving', () => {
  it('pays reward from escrow to the worker and the fee to the platform, once', async () => {
    const { requester, projectId } = await fundedProject(app, { tasks: 2 });
    const before = await balance(requester.client);
    expect(before.escrowCents).toBe(22);
    const [done] = await submissions(app, projectId, 1);
    const first = await requester.client.post(`/api/v1/assignments/${done!.id}/approve`, {
      feedback: 'Nice work',
    });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ status: 'approved', feedback: 'Nice work' });
    const again = await requester.client.post(`/api/v1/assignments/${done!.id}/approve`);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual(first.json());
    expect(await paymentsOf(db, done!.id)).toBe(1);
    expect(await balance(requester.client)).toMatchObject({
      escrowCents: 11,
      availableCents: before.availableCents,
    });
    expect(await earnings(done!.worker.client)).toMatchObject({
      pendingCents: 0,
      approvedCents: 10,
      availableCents: 10,
    });
    const own = (await done!.worker.client.get(`/api/v1/assignments/${done!.id}`)).json();
    expect(own).toMatchObject({ status: 'approved', feedback: 'Nice work' });
    expect((await notificationsOf(db, done!.worker.user.id)).map((n) => n.kind)).toEqual([
      'assignment_approved',
    ]);
    expect(await expectLedgerConsistent(db)).toEqual(consistent);
  });

  it('refuses work that is not submitted', async () => {
    const { requester, projectId } = await fundedProject(app);
    const worker = await signUp(app, { roles: ['worker'] });
    const id = await accept(worker, projectId);
    const res = await requester.client.post(`/api/v1/assignments/${id}/approve`);
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({
      code: 'not_submitted',
      details: { status: 'accepted' },
    });
  });

  it("answers 404 for another requester's work, 403 for a worker, 401 without a session", async () => {
    const { projectId } = await fundedProject(app);
    const [done] = await submissions(app, projectId, 1);
    const stranger = await signUpRequester(app);
    for (const [path, body] of [
      ['approve', {}],
      ['reject', { reason: 'no' }],
    ] as const) {
      const res = await stranger.client.post(`/api/v1/assignments/${done!.id}/${path}`, body);
      expect(res.statusCode).toBe(404);
    }
    const self = await done!.worker.client.post(`/api/v1/assignments/${done!.id}/approve`);
    expect(self.statusCode).toBe(403);
    expect((await new Client(app).post(`/api/v1/assignments/${done!.id}/approve`)).statusCode).toBe(
      401,
    );
    expect((await stranger.client.post('/api/v1/assignments/not-an-id/approve')).statusCode).toBe(
      400,
    );
    expect(await paymentsOf(db, done!.id)).toBe(0);
  });
});

describe('rejecting', () => {
  it('needs a reason, which the worker sees; frees the slot and keeps the escrow', async () => {
    const { requester, projectId } = await fundedProject(app, { tasks: 1 });
    const [done] = await submissions(app, projectId, 1);
    for (const body of [{}, { reason: '' }, { reason: '   ' }, { reason: 'x'.repeat(1001) }]) {
      const bad = await requester.client.post(`/api/v1/assignments/${done!.id}/reject`, body);
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.message).toContain('body.reason');
    }
    const res = await requester.client.post(`/api/v1/assignments/${done!.id}/reject`, {
      reason: 'Answers do not match the picture',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      status: 'rejected',
      feedback: 'Answers do not match the picture',
    });
    const again = await requester.client.post(`/api/v1/assignments/${done!.id}/reject`, {
      reason: 'something else',
    });
    expect(again.statusCode).toBe(200);
    expect(again.json().feedback).toBe('Answers do not match the picture');
    const seen = (await done!.worker.client.get(`/api/v1/assignments/${done!.id}`)).json();
    expect(seen).toMatchObject({
      status: 'rejected',
      feedback: 'Answers do not match the picture',
    });
    const notices = await notificationsOf(db, done!.worker.user.id);
    expect(notices).toEqual([
      expect.objectContaining({
        kind: 'assignment_rejected',
        body: 'Reason: Answers do not match the picture',
      }),
    ]);
    expect((await balance(requester.client)).escrowCents).toBe(11);
    // The slot is free again: the only task can be taken by someone else.
    const next = await signUp(app, { roles: ['worker'] });
    await accept(next, projectId);
    expect(await slotDrift(db, projectId)).toEqual([]);
  });

  it('refuses to reject approved work, and work whose review window has closed', async () => {
    const { requester, projectId } = await fundedProject(app, {
      tasks: 2,
      project: { autoApproveSeconds: 3600 },
    });
    const [a, b] = await submissions(app, projectId, 2);
    await requester.client.post(`/api/v1/assignments/${a!.id}/approve`);
    const late = await requester.client.post(`/api/v1/assignments/${a!.id}/reject`, {
      reason: 'changed my mind',
    });
    expect(late.statusCode).toBe(409);
    expect(late.json().error.code).toBe('already_approved');
    ctx.clock.advance(3600_000);
    const closed = await requester.client.post(`/api/v1/assignments/${b!.id}/reject`, {
      reason: 'too slow',
    });
    expect(closed.statusCode).toBe(409);
    expect(closed.json().error.code).toBe('review_window_closed');
    expect((await requester.client.post(`/api/v1/assignments/${b!.id}/approve`)).statusCode).toBe(
      200,
    );
    expect(await paymentsOf(db, a!.id)).toBe(1);
    expect(await paymentsOf(db, b!.id)).toBe(1);
  });
});

describe('reversing a rejection', () => {
  it('pays from escrow when the slot is still free', async () => {
    const { requester, projectId } = await fundedProject(app, { tasks: 1 });
    const [done] = await submissions(app, projectId, 1);
    await requester.client.post(`/api/v1/assignments/${done!.id}/reject`, { reason: 'wrong' });
    const before = await balance(requester.client);
    const res = await requester.client.post(`/api/v1/assignments/${done!.id}/approve`, {
      feedback: 'Sorry, my mistake',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'approved', feedback: 'Sorry, my mistake' });
    expect(await balance(requester.client)).toEqual({
      ...before,
      escrowCents: before.escrowCents - 11,
    });
    expect(await earnings(done!.worker.client)).toMatchObject({ availableCents: 10 });
    expect(await slotDrift(db, projectId)).toEqual([]);
    // The slot is taken again, so no one else can accept it.
    const late = await signUp(app, { roles: ['worker'] });
    expect((await late.client.post(`/api/v1/projects/${projectId}/assignments`)).statusCode).toBe(
      409,
    );
  });

  it('pays from available funds when the slot was retaken, or answers 409 insufficient_funds', async () => {
    // Exactly the escrow: nothing is left available after publishing.
    const { requester, projectId } = await fundedProject(app, { tasks: 1, funds: 11 });
    const [first] = await submissions(app, projectId, 1);
    await requester.client.post(`/api/v1/assignments/${first!.id}/reject`, { reason: 'wrong' });
    const [second] = await submissions(app, projectId, 1);
    const short = await requester.client.post(`/api/v1/assignments/${first!.id}/approve`);
    expect(short.statusCode).toBe(409);
    expect(short.json().error).toMatchObject({
      code: 'insufficient_funds',
      details: { neededCents: 11, availableCents: 0 },
    });
    expect((await requester.client.get(`/api/v1/assignments/${first!.id}`)).json().status).toBe(
      'rejected',
    );
    await requester.client.post('/api/v1/me/deposits', { amountCents: 11 });
    const paid = await requester.client.post(`/api/v1/assignments/${first!.id}/approve`);
    expect(paid.statusCode).toBe(200);
    expect(await balance(requester.client)).toMatchObject({ availableCents: 0, escrowCents: 11 });
    // The second worker's slot is still paid from escrow.
    await requester.client.post(`/api/v1/assignments/${second!.id}/approve`);
    expect(await balance(requester.client)).toMatchObject({ availableCents: 0, escrowCents: 0 });
    expect(await slotDrift(db, projectId)).toEqual([]);
    expect(await expectLedgerConsistent(db)).toEqual(consistent);
  });

  it('closes 30 days after submission', async () => {
    const { requester, projectId } = await fundedProject(app, { tasks: 1 });
    const [done] = await submissions(app, projectId, 1);
    await requester.client.post(`/api/v1/assignments/${done!.id}/reject`, { reason: 'wrong' });
    // A token, since the session itself would have expired a month later.
    const bot = new Client(app);
    bot.bearer = (
      await requester.client.post('/api/v1/me/tokens', { name: 'review', scopes: ['review:write'] })
    ).json().token;
    ctx.clock.advance(30 * DAY + 1000);
    try {
      const res = await bot.post(`/api/v1/assignments/${done!.id}/approve`);
      expect(res.statusCode).toBe(409);
      expect(res.json().error.code).toBe('reversal_window_closed');
      expect(await paymentsOf(db, done!.id)).toBe(0);
    } finally {
      ctx.clock.advance(-(30 * DAY + 1000));
    }
  });
});

describe('bulk review', () => {
  it('approves listed submissions and reports the ones it did not change', async () => {
    const { requester, projectId } = await fundedProject(app, { tasks: 4 });
    const done = await submissions(app, projectId, 4);
    await requester.client.post(`/api/v1/assignments/${done[3]!.id}/reject`, { reason: 'bad' });
    const unknown = '00000000-0000-4000-8000-000000000000';
    const res = await requester.client.post(`/api/v1/projects/${projectId}/review`, {
      action: 'approve',
      assignmentIds: [done[0]!.id, done[1]!.id, done[3]!.id, unknown],
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      action: 'approve',
      changed: 2,
      unchanged: [
        { id: done[3]!.id, status: 'rejected' },
        { id: unknown, status: 'not_found' },
      ],
    });
    for (const d of done.slice(0, 2)) expect(await paymentsOf(db, d.id)).toBe(1);
    expect(await paymentsOf(db, done[2]!.id)).toBe(0);
    const again = await requester.client.post(`/api/v1/projects/${projectId}/review`, {
      action: 'approve',
      assignmentIds: [done[0]!.id],
    });
    expect(again.json()).toMatchObject({ changed: 0, unchanged: [{ status: 'approved' }] });
    expect(await paymentsOf(db, done[0]!.id)).toBe(1);
  });

  it('rejects everything submitted before the page was loaded, never later work', async () => {
    const { requester, projectId } = await fundedProject(app, { tasks: 4 });
    const early = await submissions(app, projectId, 2);
    const loadedAt = ctx.clock.now().toISOString();
    ctx.clock.advance(1000);
    const later = await submissions(app, projectId, 1);
    const res = await requester.client.post(`/api/v1/projects/${projectId}/review`, {
      action: 'reject',
      submittedBefore: loadedAt,
      reason: 'Spam answers',
    });
    expect(res.json()).toEqual({ action: 'reject', changed: 2, unchanged: [] });
    const list = (
      await requester.client.get(`/api/v1/projects/${projectId}/assignments?status=rejected`)
    ).json();
    expect(list.items.map((i: { id: string }) => i.id).sort()).toEqual(
      early.map((e) => e.id).sort(),
    );
    expect(list.items[0].feedback).toBe('Spam answers');
    const pending = (
      await requester.client.get(`/api/v1/projects/${projectId}/assignments?status=submitted`)
    ).json();
    expect(pending.items.map((i: { id: string }) => i.id)).toEqual([later[0]!.id]);
    expect(await slotDrift(db, projectId)).toEqual([]);
  });

  it("gives the list's server time, which as the cutoff leaves later work alone", async () => {
    const { requester, projectId } = await fundedProject(app, { tasks: 3 });
    const early = await submissions(app, projectId, 1);
    const page = (
      await requester.client.get(`/api/v1/projects/${projectId}/assignments?status=submitted`)
    ).json();
    expect(page.asOf).toBe(ctx.clock.now().toISOString());
    ctx.clock.advance(1);
    const later = await submissions(app, projectId, 1);
    const res = await requester.client.post(`/api/v1/projects/${projectId}/review`, {
      action: 'approve',
      submittedBefore: page.asOf,
    });
    expect(res.json()).toEqual({ action: 'approve', changed: 1, unchanged: [] });
    const pending = (
      await requester.client.get(`/api/v1/projects/${projectId}/assignments?status=submitted`)
    ).json();
    expect(pending.items.map((i: { id: string }) => i.id)).toEqual([later[0]!.id]);
    expect(await paymentsOf(db, early[0]!.id)).toBe(1);
  });

  it('refuses bad requests with 400 and touches nothing', async () => {
    const { requester, projectId } = await fundedProject(app, { tasks: 1 });
    const [done] = await submissions(app, projectId, 1);
    const cases = [
      [{ action: 'approve' }, 'body.assignmentIds'],
      [{ action: 'reject', assignmentIds: [done!.id] }, 'body.reason'],
      [{ action: 'delete', assignmentIds: [done!.id] }, 'body.action'],
      [{ action: 'approve', assignmentIds: [] }, 'body.assignmentIds'],
      [{ action: 'approve', assignmentIds: Array(1001).fill(done!.id) }, 'body.assignmentIds'],
      [{ action: 'approve', submittedBefore: 'yesterday' }, 'body.submittedBefore'],
    ] as const;
    for (const [body, field] of cases) {
      const res = await requester.client.post(`/api/v1/projects/${projectId}/review`, body);
      expect(res.statusCode).toBe(400);
      expect(res.json().error.message).toContain(field);
    }
    expect(await paymentsOf(db, done!.id)).toBe(0);
    const stranger = await signUpRequester(app);
    const other = await stranger.client.post(`/api/v1/projects/${projectId}/review`, {
      action: 'approve',
      assignmentIds: [done!.id],
    });
    expect(other.statusCode).toBe(404);
    expect(await paymentsOf(db, done!.id)).toBe(0);
  });
});
