import { describe, expect, it } from 'vitest';
import { signInAsAdmin } from '../../../../test/helpers/admin.js';
import { Client, createTestApp, signUp } from '../../../../test/helpers/app.js';
import { expectLedgerConsistent } from '../../../../test/helpers/ledger.js';
import { signUpRequester } from '../../../../test/helpers/projects.js';
import {
  earnings,
  fundedProject,
  givePayoutMethod,
  notificationsOf,
  submissions,
  type Worker,
} from '../../../../test/helpers/review.js';

const ctx = await createTestApp({
  env: { PLATFORM_FEE_PERCENT: '10', PAYOUT_MINIMUM_CENTS: '20' },
});
const { app } = ctx;
const db = ctx.database.db;
const consistent = { unbalanced: [], drifted: [], empty: [] };

/** A worker with `approved` approved assignments (10 cents each) on one project. */
async function workerWithEarnings(approved: number) {
  const { requester, projectId } = await fundedProject(app, { tasks: approved + 1 });
  const worker = await signUp(app, { roles: ['worker'] });
  for (let i = 0; i < approved; i++) {
    const res = await worker.client.post(`/api/v1/projects/${projectId}/assignments`);
    const id = res.json().id as string;
    await worker.client.post(`/api/v1/assignments/${id}/submit`, {
      answers: { animal: 'yes' },
    });
    await requester.client.post(`/api/v1/assignments/${id}/approve`);
  }
  await givePayoutMethod(worker.client);
  return { requester, projectId, worker };
}

async function requestPayout(worker: Worker, body?: Record<string, unknown>, key?: string) {
  return worker.client.post(
    '/api/v1/me/payouts',
    body ?? {},
    key ? { 'idempotency-key': key } : {},
  );
}

describe('earnings', () => {
  it('sums pending, approved, bonuses and payouts, per day and per project', async () => {
    const { requester, projectId, worker } = await workerWithEarnings(3);
    const res = await worker.client.post(`/api/v1/projects/${projectId}/assignments`);
    await worker.client.post(`/api/v1/assignments/${res.json().id}/submit`, {
      answers: { animal: 'no' },
    });
    await requester.client.post(`/api/v1/assignments/${res.json().id}/bonus`, {
      amountCents: 7,
      reason: 'thanks',
    });
    const summary = (await worker.client.get('/api/v1/me/earnings')).json();
    expect(summary).toMatchObject({
      pendingCents: 10,
      approvedCents: 37,
      paidOutCents: 0,
      availableCents: 37,
      bonusesCents: 7,
      payoutsInFlightCents: 0,
      payoutMinimumCents: 20,
    });
    expect(summary.recentBonuses).toEqual([expect.objectContaining({ amountCents: 7 })]);

    const daily = (await worker.client.get('/api/v1/me/earnings/daily?days=7')).json();
    expect(daily.days).toHaveLength(7);
    expect(daily.days.at(-1)).toEqual({
      date: ctx.clock.now().toISOString().slice(0, 10),
      approvedCents: 30,
      approvedCount: 3,
      bonusesCents: 7,
    });
    expect(daily.days[0]).toMatchObject({ approvedCents: 0, approvedCount: 0 });
    for (const days of [0, 367, 'x']) {
      expect((await worker.client.get(`/api/v1/me/earnings/daily?days=${days}`)).statusCode).toBe(
        400,
      );
    }

    const perProject = (await worker.client.get('/api/v1/me/earnings/projects')).json();
    expect(perProject.items).toEqual([
      expect.objectContaining({
        projectId,
        approvedCount: 3,
        approvedCents: 30,
        pendingCount: 1,
        pendingCents: 10,
        rejectedCount: 0,
        bonusesCents: 7,
        requester: expect.objectContaining({ id: requester.user.id }),
      }),
    ]);
  });

  it('pages projects and belongs to workers only', async () => {
    const worker = await signUp(app, { roles: ['worker'] });
    for (let i = 0; i < 3; i++) {
      const { projectId } = await fundedProject(app, { tasks: 1 });
      await worker.client.post(`/api/v1/projects/${projectId}/assignments`);
      ctx.clock.advance(1000);
    }
    const first = (await worker.client.get('/api/v1/me/earnings/projects?limit=2')).json();
    expect(first.items).toHaveLength(2);
    const rest = (
      await worker.client.get(`/api/v1/me/earnings/projects?limit=2&cursor=${first.nextCursor}`)
    ).json();
    expect(rest.items).toHaveLength(1);
    expect(rest.nextCursor).toBeNull();
    const requester = await signUpRequester(app);
    expect((await requester.client.get('/api/v1/me/earnings')).statusCode).toBe(403);
    expect((await new Client(app).get('/api/v1/me/earnings')).statusCode).toBe(401);
  });
});

describe('payouts', () => {
  it('pays out all available earnings by default, once per Idempotency-Key', async () => {
    const { worker } = await workerWithEarnings(3);
    const results = await Promise.all([
      requestPayout(worker, {}, 'payout-1'),
      requestPayout(worker, {}, 'payout-1'),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 201]);
    expect(results[0].json().id).toBe(results[1].json().id);
    expect(results[0].json()).toMatchObject({ amountCents: 30, status: 'requested' });
    expect(await earnings(worker.client)).toMatchObject({
      availableCents: 0,
      paidOutCents: 30,
      approvedCents: 30,
    });
    const history = (await worker.client.get('/api/v1/me/payouts')).json();
    expect(history.items).toHaveLength(1);
    expect(await expectLedgerConsistent(db)).toEqual(consistent);
  });

  it('refuses more than is available, less than the minimum, and non-workers', async () => {
    const { worker, requester } = await workerWithEarnings(3);
    const tooMuch = await requestPayout(worker, { amountCents: 31 });
    expect(tooMuch.statusCode).toBe(409);
    expect(tooMuch.json().error).toMatchObject({
      code: 'insufficient_funds',
      details: { neededCents: 31, availableCents: 30 },
    });
    const tooLittle = await requestPayout(worker, { amountCents: 19 });
    expect(tooLittle.statusCode).toBe(409);
    expect(tooLittle.json().error.code).toBe('below_minimum');
    for (const amountCents of [0, -1, 2.5, '10']) {
      const bad = await requestPayout(worker, { amountCents });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.message).toContain('body.amountCents');
    }
    expect((await requestPayout(worker, { amountCents: 25 })).statusCode).toBe(201);
    const rest = await requestPayout(worker);
    expect(rest.statusCode).toBe(409);
    expect(rest.json().error).toMatchObject({
      code: 'below_minimum',
      details: { availableCents: 5 },
    });
    expect((await requester.client.post('/api/v1/me/payouts', {})).statusCode).toBe(403);
    const idle = await signUp(app, { roles: ['worker'] });
    expect((await requestPayout(idle)).statusCode).toBe(409);
  });

  it('lets an admin mark a payout paid or cancel it, and both sides see the history', async () => {
    const admin = await signInAsAdmin(ctx);
    const { worker } = await workerWithEarnings(5);
    const first = (await requestPayout(worker, { amountCents: 20 })).json();
    const second = (await requestPayout(worker, { amountCents: 30 })).json();

    const queue = (await admin.client.get('/api/v1/admin/payouts?status=requested')).json();
    expect(queue.items.map((p: { id: string }) => p.id)).toEqual(
      expect.arrayContaining([first.id, second.id]),
    );
    expect(queue.items.find((p: { id: string }) => p.id === first.id).worker).toMatchObject({
      id: worker.user.id,
      handle: worker.user.handle,
    });

    const paid = await admin.client.post(`/api/v1/admin/payouts/${first.id}/mark-paid`, {
      reference: 'Bank transfer 42',
    });
    expect(paid.statusCode).toBe(200);
    expect(paid.json()).toMatchObject({ status: 'paid', reference: 'Bank transfer 42' });
    const again = await admin.client.post(`/api/v1/admin/payouts/${first.id}/mark-paid`, {
      reference: 'Bank transfer 42',
    });
    expect(again.json()).toEqual(paid.json());
    const otherRef = await admin.client.post(`/api/v1/admin/payouts/${first.id}/mark-paid`, {
      reference: 'Another',
    });
    expect(otherRef.statusCode).toBe(409);
    const cancelPaid = await admin.client.post(`/api/v1/admin/payouts/${first.id}/cancel`, {});
    expect(cancelPaid.statusCode).toBe(409);
    expect(
      (await admin.client.post(`/api/v1/admin/payouts/${first.id}/mark-paid`, {})).statusCode,
    ).toBe(400);

    const cancelled = await admin.client.post(`/api/v1/admin/payouts/${second.id}/cancel`, {
      reason: 'Bank details missing',
    });
    expect(cancelled.json()).toMatchObject({
      status: 'cancelled',
      cancelReason: 'Bank details missing',
    });
    expect((await admin.client.post(`/api/v1/admin/payouts/${second.id}/cancel`)).statusCode).toBe(
      200,
    );
    const markCancelled = await admin.client.post(`/api/v1/admin/payouts/${second.id}/mark-paid`, {
      reference: 'late',
    });
    expect(markCancelled.statusCode).toBe(409);

    expect(await earnings(worker.client)).toMatchObject({
      availableCents: 30,
      paidOutCents: 20,
      approvedCents: 50,
    });
    const history = (await worker.client.get('/api/v1/me/payouts')).json();
    expect(history.items.map((p: { status: string }) => p.status).sort()).toEqual([
      'cancelled',
      'paid',
    ]);
    expect((await notificationsOf(db, worker.user.id)).map((n) => n.kind)).toContain('payout_paid');
    expect(await expectLedgerConsistent(db)).toEqual(consistent);
  });

  it('is for admins only, and 404s unknown payouts', async () => {
    const admin = await signInAsAdmin(ctx);
    const { worker } = await workerWithEarnings(2);
    const payout = (await requestPayout(worker)).json();
    for (const client of [worker.client, (await signUpRequester(app)).client]) {
      expect((await client.get('/api/v1/admin/payouts')).statusCode).toBe(403);
      expect(
        (
          await client.post(`/api/v1/admin/payouts/${payout.id}/mark-paid`, {
            reference: 'x',
          })
        ).statusCode,
      ).toBe(403);
    }
    const missing = await admin.client.post(
      '/api/v1/admin/payouts/00000000-0000-4000-8000-000000000000/cancel',
    );
    expect(missing.statusCode).toBe(404);
    const other = await signUp(app, { roles: ['worker'] });
    expect((await other.client.get('/api/v1/me/payouts')).json().items).toEqual([]);
  });
});

describe('spending', () => {
  it('shows per project what was escrowed, paid, charged, bonused and refunded', async () => {
    const requester = await signUpRequester(app);
    const { projectId } = await fundedProject(app, { tasks: 3, requester, funds: 33 + 11 });
    const done = await submissions(app, projectId, 2);
    await requester.client.post(`/api/v1/assignments/${done[0]!.id}/approve`);
    await requester.client.post(`/api/v1/assignments/${done[1]!.id}/reject`, { reason: 'no' });
    await requester.client.post(`/api/v1/assignments/${done[1]!.id}/bonus`, {
      amountCents: 10,
      reason: 'sorry',
    });
    await requester.client.post(`/api/v1/projects/${projectId}/cancel`);
    const res = await requester.client.get('/api/v1/me/spending');
    expect(res.statusCode).toBe(200);
    const expected = {
      escrowedCents: 0,
      paidToWorkersCents: 10,
      feesCents: 2,
      bonusesCents: 10,
      // No pay-floor top-ups: the project does not top up.
      topUpsCents: 0,
      refundedCents: 22,
      approvedCount: 1,
    };
    expect(res.json().items).toEqual([
      { projectId, projectTitle: 'Caption photos', status: 'cancelled', ...expected },
    ]);
    expect(res.json().totals).toEqual(expected);
    const worker = await signUp(app, { roles: ['worker'] });
    expect((await worker.client.get('/api/v1/me/spending')).statusCode).toBe(403);
    const stranger = await signUpRequester(app);
    expect((await stranger.client.get('/api/v1/me/spending')).json()).toMatchObject({
      items: [],
      totals: { escrowedCents: 0, paidToWorkersCents: 0 },
    });
  });
});
