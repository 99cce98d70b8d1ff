import { describe, expect, it } from 'vitest';
import { createTestApp, signUp } from '../../../../test/helpers/app.js';
import { NO_LEDGER_VIOLATIONS, ledgerViolations } from '../../../../test/helpers/ledger.js';
import {
  balance,
  createProject,
  deposit,
  signUpRequester,
  uploadCsv,
} from '../../../../test/helpers/projects.js';
import { GOOD_ANSWERS, SIMPLE_FORM } from '../../../../test/helpers/work.js';

/** $7.20 an hour: 12 cents a minute, so the figures below are easy to check by hand. */
const FLOOR = 720;
const FEE_PERCENT = 10;
const ctx = await createTestApp({
  env: { MIN_HOURLY_CENTS: String(FLOOR), PLATFORM_FEE_PERCENT: String(FEE_PERCENT) },
});
const { app, clock } = ctx;
const db = ctx.database.db;

async function draft(terms: Record<string, unknown>, tasks = 2) {
  const requester = await signUpRequester(app);
  await deposit(requester.client, 10_000);
  const project = await createProject(requester.client, {
    template: SIMPLE_FORM,
    assignmentsPerTask: 1,
    timeAllottedSeconds: 600,
    ...terms,
  });
  const csv = ['word', ...Array.from({ length: tasks }, (_, i) => `w${i}`)].join('\n');
  expect((await uploadCsv(requester.client, project.id, csv)).statusCode).toBe(201);
  return { requester, projectId: project.id };
}

describe('the pay floor (MIN_HOURLY_CENTS)', () => {
  it('refuses to publish below it, naming the smallest reward that meets it, and moves no money', async () => {
    // 10 cents for an estimated 2 minutes is $3.00 an hour; 24 cents is $7.20.
    const { requester, projectId } = await draft({ rewardCents: 10, estimatedSeconds: 120 });
    // The forms learn the floor beside the balance, to name the smallest reward as one types.
    expect(await balance(requester.client)).toMatchObject({ payFloorCentsPerHour: FLOOR });
    const published = await requester.client.post(`/api/v1/projects/${projectId}/publish`);
    expect(published.statusCode).toBe(400);
    expect(published.json().error).toMatchObject({
      code: 'below_pay_floor',
      details: { smallestRewardCents: 24, minHourlyCents: FLOOR, seconds: 120 },
    });
    expect(published.json().error.message).toContain('24 cents');
    expect(await balance(requester.client)).toMatchObject({
      availableCents: 10_000,
      escrowCents: 0,
    });
    const project = (await requester.client.get(`/api/v1/projects/${projectId}`)).json();
    expect(project.status).toBe('draft');
  });

  it('judges a project without an estimate at its allotted time', async () => {
    const { requester, projectId } = await draft({ rewardCents: 100 });
    const published = await requester.client.post(`/api/v1/projects/${projectId}/publish`);
    expect(published.statusCode).toBe(400);
    // 10 minutes at 12 cents a minute.
    expect(published.json().error.details.smallestRewardCents).toBe(120);
    expect(published.json().error.message).toContain('estimatedSeconds');
  });

  it('publishes at exactly the floor and records the floor it was published under', async () => {
    const { requester, projectId } = await draft({ rewardCents: 24, estimatedSeconds: 120 });
    const published = await requester.client.post(`/api/v1/projects/${projectId}/publish`);
    expect(published.statusCode, published.body).toBe(200);
    expect(published.json()).toMatchObject({
      status: 'published',
      payFloorCents: FLOOR,
      topUpReserveCents: 0,
      hourlyPay: { cents: 720, basis: 'estimate', basedOn: 0 },
    });
  });

  it('refuses a change of reward or estimate that falls under it, and changes nothing', async () => {
    const { requester, projectId } = await draft({ rewardCents: 24, estimatedSeconds: 120 });
    const cheaper = await requester.client.patch(`/api/v1/projects/${projectId}`, {
      rewardCents: 20,
    });
    expect(cheaper.statusCode).toBe(400);
    expect(cheaper.json().error.details.smallestRewardCents).toBe(24);
    expect((await requester.client.post(`/api/v1/projects/${projectId}/publish`)).statusCode).toBe(
      200,
    );
    // Published: the estimate stays editable, but not below the floor.
    const longer = await requester.client.patch(`/api/v1/projects/${projectId}`, {
      estimatedSeconds: 300,
    });
    expect(longer.statusCode).toBe(400);
    expect(longer.json().error).toMatchObject({
      code: 'below_pay_floor',
      details: { smallestRewardCents: 60 },
    });
    const shorter = await requester.client.patch(`/api/v1/projects/${projectId}`, {
      estimatedSeconds: 100,
    });
    expect(shorter.statusCode, shorter.body).toBe(200);
    expect(shorter.json().estimatedSeconds).toBe(100);
  });

  it('refuses an estimate of 0, an absurd one, and one longer than the time allotted', async () => {
    const requester = await signUpRequester(app);
    for (const estimatedSeconds of [0, -5, 1.5, 10 * 365 * 86_400]) {
      const created = await requester.client.post('/api/v1/projects', {
        title: 'x',
        rewardCents: 500,
        estimatedSeconds,
      });
      expect(created.statusCode, String(estimatedSeconds)).toBe(400);
      expect(created.body).toContain('estimatedSeconds');
    }
    const longer = await requester.client.post('/api/v1/projects', {
      title: 'x',
      rewardCents: 500,
      timeAllottedSeconds: 600,
      estimatedSeconds: 601,
    });
    expect(longer.statusCode).toBe(400);
    expect(longer.json().error.message).toContain('estimatedSeconds');
    const listed = (await requester.client.get('/api/v1/projects')).json();
    expect(listed.items).toHaveLength(0);
  });
});

describe('topUpToFloor', () => {
  /**
   * 10 cents for an estimated 50 s ($7.20 an hour), 10 minutes allotted: work that takes the
   * whole 10 minutes would need 120 cents, so the top-up reserve is the cap, the reward: 10 cents.
   * Escrow per slot: 10 + 1 fee + 10 reserve + 1 fee = 22.
   */
  async function topUpProject(tasks: number) {
    const { requester, projectId } = await draft(
      { rewardCents: 10, estimatedSeconds: 50, topUpToFloor: true },
      tasks,
    );
    const published = await requester.client.post(`/api/v1/projects/${projectId}/publish`);
    expect(published.statusCode, published.body).toBe(200);
    expect(published.json()).toMatchObject({ topUpToFloor: true, topUpReserveCents: 10 });
    expect(await balance(requester.client)).toMatchObject({
      availableCents: 10_000 - tasks * 22,
      escrowCents: tasks * 22,
    });
    return { requester, projectId };
  }

  async function workFor(projectId: string, seconds: number) {
    const worker = await signUp(app, { roles: ['worker'] });
    const accepted = await worker.client.post(`/api/v1/projects/${projectId}/assignments`);
    expect(accepted.statusCode, accepted.body).toBe(201);
    const id = accepted.json<{ id: string }>().id;
    clock.advance(seconds * 1000);
    const submitted = await worker.client.post(`/api/v1/assignments/${id}/submit`, {
      answers: GOOD_ANSWERS,
    });
    expect(submitted.statusCode, submitted.body).toBe(200);
    return { worker, id };
  }

  it('tops up slow work to the floor (capped at the reward), returns the unused reserve, and both sides see it', async () => {
    const { requester, projectId } = await topUpProject(3);
    const slow = await workFor(projectId, 100); // needs 20 cents: top-up 10 (the cap)
    const middling = await workFor(projectId, 60); // needs 12 cents: top-up 2
    const fast = await workFor(projectId, 30); // needs 6 cents: no top-up
    for (const { id } of [slow, middling, fast]) {
      const approved = await requester.client.post(`/api/v1/assignments/${id}/approve`, {});
      expect(approved.statusCode, approved.body).toBe(200);
    }
    const earned = async (w: typeof slow) =>
      (await w.worker.client.get('/api/v1/me/earnings')).json<{ availableCents: number }>()
        .availableCents;
    expect(await earned(slow)).toBe(20);
    expect(await earned(middling)).toBe(12);
    expect(await earned(fast)).toBe(10);
    const seen = await slow.worker.client.get(`/api/v1/assignments/${slow.id}`);
    expect(seen.json().topUpCents).toBe(10);
    const reviewed = await requester.client.get(`/api/v1/assignments/${middling.id}`);
    expect(reviewed.json().topUpCents).toBe(2);
    // Spent: 3 × 11 for the rewards, 10 + 1 and 2 + 0 for the top-ups; all else returned.
    expect(await balance(requester.client)).toMatchObject({
      availableCents: 10_000 - 33 - 11 - 2,
      escrowCents: 0,
    });
    const ledger = (await requester.client.get('/api/v1/me/ledger')).json();
    expect(ledger.items.filter((e: { kind: string }) => e.kind === 'top_up')).toHaveLength(2);
    expect(await ledgerViolations(db, FEE_PERCENT)).toEqual(NO_LEDGER_VIOLATIONS);
  });

  it('holds no reserve when the floor cannot be missed, and none without topUpToFloor', async () => {
    // 200 cents for at most 10 minutes is $12 an hour at worst: nothing to top up.
    const { requester, projectId } = await draft({
      rewardCents: 200,
      estimatedSeconds: 60,
      topUpToFloor: true,
    });
    const published = await requester.client.post(`/api/v1/projects/${projectId}/publish`);
    expect(published.json().topUpReserveCents).toBe(0);
    expect((await balance(requester.client)).escrowCents).toBe(2 * 220);
  });

  it('cannot be switched once published: the escrow was sized by it', async () => {
    const { requester, projectId } = await topUpProject(1);
    const off = await requester.client.patch(`/api/v1/projects/${projectId}`, {
      topUpToFloor: false,
    });
    expect(off.statusCode).toBe(409);
    expect(off.json().error).toMatchObject({
      code: 'not_editable',
      details: { field: 'topUpToFloor' },
    });
  });
});
