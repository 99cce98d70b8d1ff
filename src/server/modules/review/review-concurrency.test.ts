import { describe, expect, it } from 'vitest';
import { createServices } from '../../app.js';
import { createTestApp, signUp } from '../../../../test/helpers/app.js';
import { expectLedgerConsistent } from '../../../../test/helpers/ledger.js';
import { balance } from '../../../../test/helpers/projects.js';
import {
  accept,
  fundedProject,
  paymentsOf,
  slotDrift,
  submissions,
} from '../../../../test/helpers/review.js';

const ctx = await createTestApp({ env: { PLATFORM_FEE_PERCENT: '10' } });
const { app } = ctx;
const db = ctx.database.db;
// Two server instances over one database, as behind a load balancer.
const instanceA = createServices({ db, clock: ctx.clock, config: ctx.config });
const instanceB = createServices({ db, clock: ctx.clock, config: ctx.config });
const consistent = { unbalanced: [], drifted: [], empty: [] };

async function statuses(projectId: string) {
  const rows = await db
    .selectFrom('assignments')
    .select('status')
    .where('project_id', '=', projectId)
    .execute();
  return rows.map((r) => r.status);
}

describe('concurrent reviews', () => {
  it('pays an assignment once however many approvals race', async () => {
    const { requester, projectId } = await fundedProject(app, { tasks: 1 });
    const [done] = await submissions(app, projectId, 1);
    const results = await Promise.all(
      Array.from({ length: 10 }, () =>
        requester.client.post(`/api/v1/assignments/${done!.id}/approve`),
      ),
    );
    expect(results.map((r) => r.statusCode)).toEqual(Array(10).fill(200));
    expect(new Set(results.map((r) => r.json().status))).toEqual(new Set(['approved']));
    expect(await paymentsOf(db, done!.id)).toBe(1);
    expect((await balance(requester.client)).escrowCents).toBe(0);
  });

  it('ends every racing approval and rejection approved and paid once', async () => {
    const { requester, projectId } = await fundedProject(app, { tasks: 6 });
    const done = await submissions(app, projectId, 6);
    const results = await Promise.all(
      done.flatMap((d) => [
        requester.client.post(`/api/v1/assignments/${d.id}/approve`),
        requester.client.post(`/api/v1/assignments/${d.id}/reject`, { reason: 'no' }),
      ]),
    );
    for (let i = 0; i < done.length; i++) {
      // Approved first (the rejection answers 409), or rejected first and then reversed.
      expect(results[2 * i]!.statusCode).toBe(200);
      expect([200, 409]).toContain(results[2 * i + 1]!.statusCode);
      const final = (await requester.client.get(`/api/v1/assignments/${done[i]!.id}`)).json();
      expect(final.status).toBe('approved');
      expect(await paymentsOf(db, done[i]!.id)).toBe(1);
    }
    expect(await slotDrift(db, projectId)).toEqual([]);
    expect(await expectLedgerConsistent(db)).toEqual(consistent);
  });

  it('auto-approves due work exactly once with sweeps on two instances and manual approvals racing', async () => {
    const { requester, projectId } = await fundedProject(app, {
      tasks: 30,
      project: { autoApproveSeconds: 60 },
    });
    const done = await submissions(app, projectId, 30);
    const escrowBefore = (await balance(requester.client)).escrowCents;
    ctx.clock.advance(61_000);
    const outcomes = await Promise.all([
      ...Array.from({ length: 3 }, () => instanceA.review.review.sweepAutoApprove(7)),
      ...Array.from({ length: 3 }, () => instanceB.review.review.sweepAutoApprove(7)),
      ...done.slice(0, 10).map((d) => requester.client.post(`/api/v1/assignments/${d.id}/approve`)),
      requester.client.post(`/api/v1/projects/${projectId}/review`, {
        action: 'approve',
        assignmentIds: done.slice(10, 20).map((d) => d.id),
      }),
    ]);
    const swept = outcomes.slice(0, 6) as number[];
    for (const response of outcomes.slice(6) as { statusCode: number }[]) {
      expect(response.statusCode).toBe(200);
    }
    // Whatever is left is picked up by later runs; none is paid twice.
    let more = 0;
    for (let i = 0; i < 10; i++) more += await instanceA.review.review.sweepAutoApprove(7);
    expect(swept.reduce((a, b) => a + b, 0) + more).toBeLessThanOrEqual(30);
    expect(await statuses(projectId)).toEqual(Array(30).fill('approved'));
    for (const d of done) expect(await paymentsOf(db, d.id)).toBe(1);
    expect((await balance(requester.client)).escrowCents).toBe(escrowBefore - 30 * 11);
    expect(await instanceB.review.review.sweepAutoApprove()).toBe(0);
    expect(await expectLedgerConsistent(db)).toEqual(consistent);
  });

  it('never approves work submitted after the sweep’s time, nor work still in its window', async () => {
    const { projectId } = await fundedProject(app, {
      tasks: 2,
      project: { autoApproveSeconds: 3600 },
    });
    const [early] = await submissions(app, projectId, 1);
    ctx.clock.advance(1800_000);
    const [late] = await submissions(app, projectId, 1);
    ctx.clock.advance(1800_000);
    await instanceA.review.review.sweepAutoApprove();
    expect(await paymentsOf(db, early!.id)).toBe(1);
    expect(await paymentsOf(db, late!.id)).toBe(0);
  });
});

describe('cancelling while workers accept', () => {
  it('keeps exactly what accepted work needs in escrow, whoever wins each race', async () => {
    const { requester, projectId } = await fundedProject(app, { tasks: 10 });
    const workers = await Promise.all(
      Array.from({ length: 12 }, () => signUp(app, { roles: ['worker'] })),
    );
    const outcomes = await Promise.all([
      ...workers.map((w) =>
        w.client.post(`/api/v1/projects/${projectId}/assignments`).then((r) => r.statusCode),
      ),
      requester.client.post(`/api/v1/projects/${projectId}/cancel`).then((r) => r.statusCode),
    ]);
    expect(outcomes.at(-1)).toBe(200);
    const accepted = outcomes.slice(0, -1).filter((c) => c === 201).length;
    expect(outcomes.slice(0, -1).every((c) => c === 201 || c === 409)).toBe(true);
    expect((await statuses(projectId)).length).toBe(accepted);
    expect(await instanceA.ledger.projectEscrowCents(projectId)).toBe(accepted * 11);
    // After the cancel, nobody gets in.
    const late = await signUp(app, { roles: ['worker'] });
    const refused = await late.client.post(`/api/v1/projects/${projectId}/assignments`);
    expect(refused.statusCode).toBe(409);
    expect(await expectLedgerConsistent(db)).toEqual(consistent);
  });

  it('lets a blocked worker still submit work accepted before the block', async () => {
    const { requester, projectId } = await fundedProject(app, { tasks: 2 });
    const worker = await signUp(app, { roles: ['worker'] });
    const id = await accept(worker, projectId);
    await requester.client.put(`/api/v1/blocks/${worker.user.id}`, { reason: 'spam' });
    const submitted = await worker.client.post(`/api/v1/assignments/${id}/submit`, {
      answers: { animal: 'no' },
    });
    expect(submitted.statusCode).toBe(200);
    expect((await worker.client.post(`/api/v1/projects/${projectId}/assignments`)).statusCode).toBe(
      404,
    );
  });
});
