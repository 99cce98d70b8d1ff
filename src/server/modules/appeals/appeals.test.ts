import { describe, expect, it } from 'vitest';
import { createServices } from '../../app.js';
import { createTestApp, signUp, TEST_PASSWORD } from '../../../../test/helpers/app.js';
import { expectLedgerConsistent } from '../../../../test/helpers/ledger.js';
import { balance, signUpRequester } from '../../../../test/helpers/projects.js';
import {
  earnings,
  fundedProject,
  notificationsOf,
  paymentsOf,
  submissions,
} from '../../../../test/helpers/review.js';

// Windows unlike the defaults, so that an appeal can be decided past the 30-day reversal window.
const windows = { appealDays: 20, responseDays: 15 };
const ctx = await createTestApp({
  env: { PLATFORM_FEE_PERCENT: '10' },
  deps: { appealWindows: async () => windows },
});
const { app } = ctx;
const db = ctx.database.db;
const DAY = 24 * 3600 * 1000;
const services = createServices({
  db,
  clock: ctx.clock,
  config: ctx.config,
  appealWindows: async () => windows,
});
const consistent = { unbalanced: [], drifted: [], empty: [] };

/** A submission of a fresh worker on a fresh project, rejected by its requester. */
async function rejectedWork(options: Parameters<typeof fundedProject>[1] = {}) {
  const { requester, projectId } = await fundedProject(app, { tasks: 1, ...options });
  const [done] = await submissions(app, projectId, 1);
  const res = await requester.client.post(`/api/v1/assignments/${done!.id}/reject`, {
    reason: 'Answers <b>blank</b>',
  });
  expect(res.statusCode).toBe(200);
  return { requester, projectId, worker: done!.worker, id: done!.id };
}

async function appealOf(work: Awaited<ReturnType<typeof rejectedWork>>, message = 'I did.') {
  const res = await work.worker.client.post(`/api/v1/assignments/${work.id}/appeal`, { message });
  expect(res.statusCode).toBe(201);
  return res.json();
}

async function appealRows() {
  return db.selectFrom('appeals').select(['id', 'status']).execute();
}

describe('appealing a rejection', () => {
  it('shows the appeal deadline, takes the appeal and tells the requester', async () => {
    const work = await rejectedWork();
    const rejectedAt = ctx.clock.now().getTime();
    const mine = (await work.worker.client.get('/api/v1/me/assignments')).json();
    expect(mine.items[0]).toMatchObject({
      id: work.id,
      status: 'rejected',
      appealDeadline: new Date(rejectedAt + 20 * DAY).toISOString(),
      appeal: null,
    });
    ctx.clock.advance(2 * DAY);
    const appeal = await appealOf(work, '<script>alert(1)</script> I answered every field');
    expect(appeal).toMatchObject({
      assignmentId: work.id,
      projectId: work.projectId,
      status: 'open',
      automatic: false,
      rewardCents: 10,
      responseDeadline: new Date(ctx.clock.now().getTime() + 15 * DAY).toISOString(),
      decidedAt: null,
      worker: { id: work.worker.user.id },
    });
    // Kept as the text it is: the web app shows it as text.
    expect(appeal.conversation).toEqual([
      expect.objectContaining({
        kind: 'rejection',
        from: 'requester',
        message: 'Answers <b>blank</b>',
      }),
      expect.objectContaining({
        kind: 'appeal',
        from: 'worker',
        message: '<script>alert(1)</script> I answered every field',
      }),
    ]);
    const view = (await work.worker.client.get(`/api/v1/assignments/${work.id}`)).json();
    expect(view.appeal).toEqual({
      id: appeal.id,
      status: 'open',
      responseDeadline: appeal.responseDeadline,
    });
    const notices = await notificationsOf(db, work.requester.user.id);
    expect(notices.at(-1)).toMatchObject({
      kind: 'appeal_received',
      link: `/projects/${work.projectId}/review#appeals`,
    });
    const list = (
      await work.requester.client.get(`/api/v1/projects/${work.projectId}/appeals`)
    ).json();
    expect(list).toMatchObject({ openCount: 1, nextCursor: null });
    expect(list.items.map((a: { id: string }) => a.id)).toEqual([appeal.id]);
    const own = (await work.worker.client.get('/api/v1/me/appeals?status=open')).json();
    expect(own.items.map((a: { id: string }) => a.id)).toEqual([appeal.id]);
  });

  it('refuses an appeal outside its window, twice, of others’ work or of unrejected work', async () => {
    const late = await rejectedWork();
    ctx.clock.advance(20 * DAY + 1000);
    const closed = await late.worker.client.post(`/api/v1/assignments/${late.id}/appeal`, {
      message: 'Late',
    });
    expect(closed.statusCode).toBe(409);
    expect(closed.json().error.code).toBe('appeal_window_closed');

    const work = await rejectedWork();
    const stranger = await signUp(app, { roles: ['worker'] });
    const theirs = await stranger.client.post(`/api/v1/assignments/${work.id}/appeal`, {
      message: 'Mine?',
    });
    expect(theirs.statusCode).toBe(404);
    for (const message of ['', '   ', 'x'.repeat(2001)]) {
      const bad = await work.worker.client.post(`/api/v1/assignments/${work.id}/appeal`, {
        message,
      });
      expect(bad.statusCode).toBe(400);
    }
    await appealOf(work);
    const twice = await work.worker.client.post(`/api/v1/assignments/${work.id}/appeal`, {
      message: 'Again',
    });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.code).toBe('already_appealed');

    const { projectId } = await fundedProject(app, { tasks: 1 });
    const [pending] = await submissions(app, projectId, 1);
    const notRejected = await pending!.worker.client.post(
      `/api/v1/assignments/${pending!.id}/appeal`,
      { message: 'Too early' },
    );
    expect(notRejected.statusCode).toBe(409);
    expect(notRejected.json().error.code).toBe('not_rejected');
    const ids = (await appealRows()).filter((a) => a.status === 'open');
    expect(
      (await db.selectFrom('appeals').select('assignment_id').execute()).map(
        (a) => a.assignment_id,
      ),
    ).not.toContain(late.id);
    expect(ids.length).toBeGreaterThan(0);
  });
});

describe('deciding an appeal', () => {
  it('overturns past the reversal window: the worker is paid once, on the record', async () => {
    const work = await rejectedWork();
    ctx.clock.advance(19 * DAY);
    const appeal = await appealOf(work);
    ctx.clock.advance(14 * DAY);
    // Sessions end long before this: both sides sign in again.
    for (const side of [work.requester, work.worker]) {
      const login = await side.client.post('/api/v1/auth/login', {
        email: side.email,
        password: TEST_PASSWORD,
      });
      expect(login.statusCode).toBe(200);
    }
    // 33 days after submission: a reversal is refused, an appeal's overturn is not.
    const reversal = await work.requester.client.post(`/api/v1/assignments/${work.id}/approve`);
    expect(reversal.json().error.code).toBe('reversal_window_closed');
    const before = await balance(work.requester.client);
    const res = await work.requester.client.post(`/api/v1/appeals/${appeal.id}/decide`, {
      decision: 'overturn',
      message: 'You are right, sorry.',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'overturned', automatic: false });
    expect(res.json().conversation.at(-1)).toMatchObject({
      kind: 'decision',
      from: 'requester',
      message: 'You are right, sorry.',
    });
    expect(await paymentsOf(db, work.id)).toBe(1);
    expect((await earnings(work.worker.client)).approvedCents).toBe(10);
    const after = await balance(work.requester.client);
    expect(
      before.availableCents + before.escrowCents - after.availableCents - after.escrowCents,
    ).toBe(11);
    const view = (await work.worker.client.get(`/api/v1/assignments/${work.id}`)).json();
    expect(view).toMatchObject({ status: 'approved', appeal: { status: 'overturned' } });
    const audit = await db
      .selectFrom('audit_events')
      .selectAll()
      .where('target_id', '=', appeal.id)
      .execute();
    expect(audit).toMatchObject([
      {
        action: 'appeal.overturned',
        actor_id: work.requester.user.id,
        subject_user_id: work.worker.user.id,
        target_type: 'appeal',
      },
    ]);
    const notices = await notificationsOf(db, work.worker.user.id);
    expect(notices.map((n) => n.kind)).toContain('appeal_decided');
    const again = await work.requester.client.post(`/api/v1/appeals/${appeal.id}/decide`, {
      decision: 'overturn',
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('appeal_closed');
    expect(await paymentsOf(db, work.id)).toBe(1);
    const reputation = (
      await work.worker.client.get(`/api/v1/users/${work.requester.user.id}/reputation`)
    ).json();
    expect(reputation.requester.appealsOverturnedPercent).toBe(100);
    expect(await expectLedgerConsistent(db)).toEqual(consistent);
  });

  it('upholds with a message; refuses other requesters, bad bodies and late upholds', async () => {
    const work = await rejectedWork();
    const appeal = await appealOf(work);
    const stranger = await signUpRequester(app);
    const theirs = await stranger.client.post(`/api/v1/appeals/${appeal.id}/decide`, {
      decision: 'overturn',
    });
    expect(theirs.statusCode).toBe(404);
    expect((await stranger.client.get(`/api/v1/appeals/${appeal.id}`)).statusCode).toBe(404);
    for (const body of [
      { decision: 'uphold' },
      { decision: 'maybe', message: 'x' },
      { decision: 'uphold', message: 'x'.repeat(2001) },
    ]) {
      const bad = await work.requester.client.post(`/api/v1/appeals/${appeal.id}/decide`, body);
      expect(bad.statusCode).toBe(400);
    }
    expect((await appealRows()).find((a) => a.id === appeal.id)?.status).toBe('open');
    const res = await work.requester.client.post(`/api/v1/appeals/${appeal.id}/decide`, {
      decision: 'uphold',
      message: 'Every answer was blank.',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'upheld' });
    expect(await paymentsOf(db, work.id)).toBe(0);
    const seen = (await work.worker.client.get(`/api/v1/appeals/${appeal.id}`)).json();
    expect(seen.conversation.map((t: { kind: string }) => t.kind)).toEqual([
      'rejection',
      'appeal',
      'decision',
    ]);

    const late = await rejectedWork();
    const lateAppeal = await appealOf(late);
    ctx.clock.advance(15 * DAY + 1000);
    const tooLate = await late.requester.client.post(`/api/v1/appeals/${lateAppeal.id}/decide`, {
      decision: 'uphold',
      message: 'No',
    });
    expect(tooLate.statusCode).toBe(409);
    expect(tooLate.json().error.code).toBe('response_window_closed');
  });
});

describe('the unanswered-appeals sweep', () => {
  it('overturns and pays appeals past their response window, once, on the record', async () => {
    const work = await rejectedWork();
    const appeal = await appealOf(work);
    ctx.clock.advance(15 * DAY - 1000);
    await services.appeals.sweepUnanswered();
    expect((await appealRows()).find((a) => a.id === appeal.id)?.status).toBe('open');
    ctx.clock.advance(2000);
    await services.appeals.sweepUnanswered();
    await services.appeals.sweepUnanswered();
    const seen = (await work.worker.client.get(`/api/v1/appeals/${appeal.id}`)).json();
    expect(seen).toMatchObject({ status: 'overturned', automatic: true });
    expect(seen.conversation.at(-1)).toMatchObject({ from: 'platform', message: null });
    expect(await paymentsOf(db, work.id)).toBe(1);
    const audit = await db
      .selectFrom('audit_events')
      .select(['action', 'actor_id'])
      .where('target_id', '=', appeal.id)
      .execute();
    expect(audit).toEqual([{ action: 'appeal.overturned_automatically', actor_id: null }]);
    expect(await expectLedgerConsistent(db)).toEqual(consistent);
  });

  it('never pays twice when decisions and sweeps race', async () => {
    const works: Awaited<ReturnType<typeof rejectedWork>>[] = [];
    for (let i = 0; i < 4; i++) works.push(await rejectedWork());
    const appeals: { id: string }[] = [];
    for (const work of works) appeals.push(await appealOf(work));
    ctx.clock.advance(15 * DAY + 1000);
    const results = await Promise.all([
      ...works.flatMap((w, i) => [
        w.requester.client.post(`/api/v1/appeals/${appeals[i]!.id}/decide`, {
          decision: 'overturn',
        }),
        w.requester.client.post(`/api/v1/appeals/${appeals[i]!.id}/decide`, {
          decision: 'overturn',
        }),
      ]),
      services.appeals.sweepUnanswered(),
      services.appeals.sweepUnanswered(),
    ]);
    for (const res of results.slice(0, 8)) {
      const r = res as { statusCode: number };
      expect([200, 409]).toContain(r.statusCode);
    }
    for (const work of works) expect(await paymentsOf(db, work.id)).toBe(1);
    expect(await expectLedgerConsistent(db)).toEqual(consistent);
  });
});
