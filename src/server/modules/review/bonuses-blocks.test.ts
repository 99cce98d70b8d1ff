import { describe, expect, it } from 'vitest';
import { Client, createTestApp, signUp } from '../../../../test/helpers/app.js';
import { expectLedgerConsistent } from '../../../../test/helpers/ledger.js';
import { balance, signUpRequester } from '../../../../test/helpers/projects.js';
import {
  accept,
  earnings,
  fundedProject,
  notificationsOf,
  submissions,
} from '../../../../test/helpers/review.js';

const ctx = await createTestApp({ env: { PLATFORM_FEE_PERCENT: '10' } });
const { app } = ctx;
const db = ctx.database.db;
const consistent = { unbalanced: [], drifted: [], empty: [] };

async function bonusCount(assignmentId: string) {
  const rows = await db
    .selectFrom('ledger_transactions')
    .select('id')
    .where('assignment_id', '=', assignmentId)
    .where('kind', '=', 'bonus')
    .execute();
  return rows.length;
}

describe('bonuses', () => {
  it('pays the worker from available funds, with the fee, and shows it to them', async () => {
    const { requester, projectId } = await fundedProject(app, { tasks: 1 });
    const [done] = await submissions(app, projectId, 1);
    const before = await balance(requester.client);
    const res = await requester.client.post(`/api/v1/assignments/${done!.id}/bonus`, {
      amountCents: 200,
      reason: 'Extra careful answers',
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      assignmentId: done!.id,
      workerId: done!.worker.user.id,
      amountCents: 200,
      feeCents: 20,
      reason: 'Extra careful answers',
    });
    expect(await balance(requester.client)).toMatchObject({
      availableCents: before.availableCents - 220,
      escrowCents: before.escrowCents,
    });
    expect(await earnings(done!.worker.client)).toMatchObject({
      availableCents: 200,
      bonusesCents: 200,
      approvedCents: 200,
      pendingCents: 10,
    });
    const seen = (await done!.worker.client.get(`/api/v1/assignments/${done!.id}`)).json();
    expect(seen.bonuses).toEqual([res.json()]);
    const review = (await requester.client.get(`/api/v1/assignments/${done!.id}`)).json();
    expect(review.bonuses).toEqual([res.json()]);
    expect((await notificationsOf(db, done!.worker.user.id)).map((n) => n.kind)).toEqual([
      'bonus_received',
    ]);
    expect(await expectLedgerConsistent(db)).toEqual(consistent);
  });

  it('pays once for retries with one Idempotency-Key, and refuses the key for another bonus', async () => {
    const { requester, projectId } = await fundedProject(app, { tasks: 1 });
    const [done] = await submissions(app, projectId, 1);
    const headers = { 'idempotency-key': 'bonus-1' };
    const body = { amountCents: 50, reason: 'thanks' };
    const results = await Promise.all(
      [0, 1, 2].map(() =>
        requester.client.post(`/api/v1/assignments/${done!.id}/bonus`, body, headers),
      ),
    );
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 200, 201]);
    expect(new Set(results.map((r) => r.json().id)).size).toBe(1);
    expect(await bonusCount(done!.id)).toBe(1);
    const reused = await requester.client.post(
      `/api/v1/assignments/${done!.id}/bonus`,
      { amountCents: 51, reason: 'thanks' },
      headers,
    );
    expect(reused.statusCode).toBe(409);
    expect(reused.json().error.code).toBe('idempotency_key_reused');
    // Without a key, a second bonus is a second bonus.
    await requester.client.post(`/api/v1/assignments/${done!.id}/bonus`, body);
    expect(await bonusCount(done!.id)).toBe(2);
  });

  it.each([0, -5, 1.5, '100', 100_001, null])(
    'refuses an amount of %j with 400 and pays nothing',
    async (amountCents) => {
      const { requester, projectId } = await fundedProject(app, { tasks: 1 });
      const [done] = await submissions(app, projectId, 1);
      const res = await requester.client.post(`/api/v1/assignments/${done!.id}/bonus`, {
        amountCents,
        reason: 'x',
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.message).toContain('body.amountCents');
      expect(await bonusCount(done!.id)).toBe(0);
    },
  );

  it('needs a reason, enough funds, and reviewable work', async () => {
    const { requester, projectId } = await fundedProject(app, { tasks: 2, funds: 20 + 2 });
    const [done] = await submissions(app, projectId, 1);
    const noReason = await requester.client.post(`/api/v1/assignments/${done!.id}/bonus`, {
      amountCents: 1,
    });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.message).toContain('body.reason');
    const short = await requester.client.post(`/api/v1/assignments/${done!.id}/bonus`, {
      amountCents: 100,
      reason: 'too generous',
    });
    expect(short.statusCode).toBe(409);
    expect(short.json().error).toMatchObject({
      code: 'insufficient_funds',
      details: { neededCents: 110, availableCents: 0 },
    });
    const inProgress = await accept(await signUp(app, { roles: ['worker'] }), projectId);
    const early = await requester.client.post(`/api/v1/assignments/${inProgress}/bonus`, {
      amountCents: 1,
      reason: 'early',
    });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe('not_bonusable');
    expect(await bonusCount(done!.id)).toBe(0);
  });

  it("answers 404 for another requester's work, 403 for a worker, 401 without a session", async () => {
    const { projectId } = await fundedProject(app, { tasks: 1 });
    const [done] = await submissions(app, projectId, 1);
    const body = { amountCents: 5, reason: 'x' };
    const stranger = await signUpRequester(app);
    await stranger.client.post('/api/v1/me/deposits', { amountCents: 100 });
    const url = `/api/v1/assignments/${done!.id}/bonus`;
    expect((await stranger.client.post(url, body)).statusCode).toBe(404);
    expect((await done!.worker.client.post(url, body)).statusCode).toBe(403);
    expect((await new Client(app).post(url, body)).statusCode).toBe(401);
    expect(await bonusCount(done!.id)).toBe(0);
  });
});

describe('blocks', () => {
  it('blocks by handle or id, hides the requester’s projects, and lists blocks with handles', async () => {
    const { requester, projectId } = await fundedProject(app, { tasks: 2 });
    const worker = await signUp(app, { roles: ['worker'] });
    const other = await signUp(app, { roles: ['worker'] });
    const feedHas = async (w: typeof worker) =>
      (await w.client.get('/api/v1/feed?limit=100'))
        .json()
        .items.some((i: { projectId: string }) => i.projectId === projectId);
    expect(await feedHas(worker)).toBe(true);

    const byHandle = await requester.client.put(`/api/v1/blocks/${worker.user.handle}`, {
      reason: 'Copy-pasted answers',
    });
    expect(byHandle.statusCode).toBe(200);
    expect(byHandle.json()).toMatchObject({
      worker: { id: worker.user.id, handle: worker.user.handle },
      reason: 'Copy-pasted answers',
    });
    ctx.clock.advance(1000);
    await requester.client.put(`/api/v1/blocks/${other.user.id}`, { reason: 'Spam' });
    const updated = await requester.client.put(`/api/v1/blocks/${worker.user.id}`, {
      reason: 'Copy-pasted answers, twice',
    });
    expect(updated.json().createdAt).toBe(byHandle.json().createdAt);

    expect(await feedHas(worker)).toBe(false);
    const refused = await worker.client.post(`/api/v1/projects/${projectId}/assignments`);
    expect(refused.statusCode).toBe(404);

    const first = (await requester.client.get('/api/v1/blocks?limit=1')).json();
    expect(first.items).toEqual([
      expect.objectContaining({ worker: expect.objectContaining({ handle: other.user.handle }) }),
    ]);
    const second = (
      await requester.client.get(`/api/v1/blocks?limit=1&cursor=${first.nextCursor}`)
    ).json();
    expect(second.items[0]).toMatchObject({
      worker: { id: worker.user.id },
      reason: 'Copy-pasted answers, twice',
    });
    expect(second.nextCursor).toBeNull();

    const lifted = await requester.client.delete(`/api/v1/blocks/${worker.user.handle}`);
    expect(lifted.statusCode).toBe(200);
    expect(await feedHas(worker)).toBe(true);
    expect((await requester.client.delete(`/api/v1/blocks/${worker.user.id}`)).statusCode).toBe(
      200,
    );
    const stranger = await signUpRequester(app);
    expect((await stranger.client.get('/api/v1/blocks')).json().items).toEqual([]);
  });

  it('refuses bad input, unknown workers, workers and anonymous callers', async () => {
    const requester = await signUpRequester(app);
    const worker = await signUp(app, { roles: ['worker'] });
    const missingReason = await requester.client.put(`/api/v1/blocks/${worker.user.id}`, {});
    expect(missingReason.statusCode).toBe(400);
    expect(missingReason.json().error.message).toContain('body.reason');
    const self = await requester.client.put(`/api/v1/blocks/${requester.user.id}`, {
      reason: 'me',
    });
    expect(self.statusCode).toBe(400);
    const unknown = await requester.client.put(
      '/api/v1/blocks/00000000-0000-4000-8000-000000000000',
      { reason: 'who' },
    );
    expect(unknown.statusCode).toBe(404);
    expect(
      (await requester.client.put('/api/v1/blocks/no such handle!', { reason: 'x' })).statusCode,
    ).toBe(400);
    expect(
      (await worker.client.put(`/api/v1/blocks/${requester.user.id}`, { reason: 'x' })).statusCode,
    ).toBe(403);
    expect((await new Client(app).get('/api/v1/blocks')).statusCode).toBe(401);
    expect((await requester.client.get('/api/v1/blocks')).json().items).toEqual([]);
  });
});
