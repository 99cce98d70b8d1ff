import { describe, expect, it } from 'vitest';
import { createServices } from '../../app.js';
import { createTestApp, signUp } from '../../../../test/helpers/app.js';
import { expectLedgerConsistent } from '../../../../test/helpers/ledger.js';
import { balance } from '../../../../test/helpers/projects.js';
import {
  accept,
  fundedProject,
  notificationsOf,
  submissions,
  submit,
} from '../../../../test/helpers/review.js';

const ctx = await createTestApp();
const { app } = ctx;
const db = ctx.database.db;
const services = createServices({ db, clock: ctx.clock, config: ctx.config });
const consistent = { unbalanced: [], drifted: [], empty: [] };

async function projectRow(projectId: string) {
  return db
    .selectFrom('projects')
    .select(['status', 'completed_at', 'settled_at'])
    .where('id', '=', projectId)
    .executeTakeFirstOrThrow();
}

const escrowOf = (projectId: string) => services.ledger.projectEscrowCents(projectId);

describe('cancelling a project with work in progress', () => {
  it('returns at once what no work needs, then the rest as the work settles', async () => {
    // 3 tasks × 2 slots × 10 cents = 60 in escrow.
    const { requester, projectId } = await fundedProject(app, { tasks: 3, slots: 2, funds: 60 });
    const [submitted] = await submissions(app, projectId, 1);
    const holder = await signUp(app, { roles: ['worker'] });
    const held = await accept(holder, projectId);

    const cancelled = await requester.client.post(`/api/v1/projects/${projectId}/cancel`);
    expect(cancelled.statusCode).toBe(200);
    expect(await balance(requester.client)).toMatchObject({ availableCents: 40, escrowCents: 20 });
    expect(await escrowOf(projectId)).toBe(20);

    await requester.client.post(`/api/v1/assignments/${submitted!.id}/approve`);
    expect(await escrowOf(projectId)).toBe(10);
    await submit(holder, held);
    const rejected = await requester.client.post(`/api/v1/assignments/${held}/reject`, {
      reason: 'Late and wrong',
    });
    expect(rejected.statusCode).toBe(200);
    expect(await balance(requester.client)).toMatchObject({ availableCents: 50, escrowCents: 0 });
    expect((await projectRow(projectId)).settled_at).toBeNull();
    expect(await services.review.settlement.sweep()).toBeGreaterThanOrEqual(1);
    expect((await projectRow(projectId)).settled_at).not.toBeNull();
    expect(await services.review.settlement.sweep()).toBe(0);
    const kinds = (await notificationsOf(db, requester.user.id)).map((n) => n.kind);
    expect(kinds).toEqual(['escrow_returned']);
    expect(await expectLedgerConsistent(db)).toEqual(consistent);
  });

  it('returns the share of accepted work that expires, by the next sweep', async () => {
    const { requester, projectId } = await fundedProject(app, {
      tasks: 2,
      funds: 20,
      project: { timeAllottedSeconds: 60 },
    });
    const worker = await signUp(app, { roles: ['worker'] });
    await accept(worker, projectId);
    await requester.client.post(`/api/v1/projects/${projectId}/cancel`);
    expect(await escrowOf(projectId)).toBe(10);
    ctx.clock.advance(61_000);
    await services.work.sweepExpired();
    await services.review.settlement.sweep();
    expect(await escrowOf(projectId)).toBe(0);
    expect(await balance(requester.client)).toMatchObject({ availableCents: 20, escrowCents: 0 });
    expect((await projectRow(projectId)).settled_at).not.toBeNull();
  });
});

describe('finishing projects', () => {
  it('completes a project whose every slot is approved, and tells the requester', async () => {
    const { requester, projectId } = await fundedProject(app, { tasks: 2, funds: 20 });
    const done = await submissions(app, projectId, 2);
    await requester.client.post(`/api/v1/projects/${projectId}/review`, {
      action: 'approve',
      assignmentIds: done.map((d) => d.id),
    });
    const project = (await requester.client.get(`/api/v1/projects/${projectId}`)).json();
    expect(project).toMatchObject({
      status: 'published',
      progress: { tasks: 2, assignmentsApproved: 2, assignmentsSubmitted: 0 },
    });
    await services.review.settlement.sweep();
    const row = await projectRow(projectId);
    expect(row.status).toBe('completed');
    expect(row.settled_at).not.toBeNull();
    expect((await requester.client.get(`/api/v1/projects/${projectId}`)).json().status).toBe(
      'completed',
    );
    expect((await notificationsOf(db, requester.user.id)).map((n) => n.kind)).toEqual([
      'project_finished',
    ]);
  });

  it('completes an expired project and returns all but what submitted work needs', async () => {
    const expiresAt = new Date(ctx.clock.now().getTime() + 3600_000).toISOString();
    const { requester, projectId } = await fundedProject(app, {
      tasks: 4,
      funds: 40,
      project: { expiresAt },
    });
    const [pending] = await submissions(app, projectId, 1);
    ctx.clock.advance(3601_000);
    // Sweeps racing on several instances settle it once.
    const other = createServices({ db, clock: ctx.clock, config: ctx.config });
    await Promise.all([
      services.review.settlement.sweep(),
      other.review.settlement.sweep(),
      services.review.settlement.sweep(),
    ]);
    expect((await projectRow(projectId)).status).toBe('completed');
    expect(await escrowOf(projectId)).toBe(10);
    expect(await balance(requester.client)).toMatchObject({ availableCents: 30, escrowCents: 10 });
    const releases = await db
      .selectFrom('ledger_transactions')
      .select('id')
      .where('project_id', '=', projectId)
      .where('kind', '=', 'release')
      .execute();
    expect(releases).toHaveLength(1);
    expect((await notificationsOf(db, requester.user.id)).map((n) => n.kind)).toEqual([
      'project_finished',
      'escrow_returned',
    ]);
    // The pending work is still reviewed and paid after completion.
    await requester.client.post(`/api/v1/assignments/${pending!.id}/approve`);
    await services.review.settlement.sweep();
    expect(await escrowOf(projectId)).toBe(0);
    expect((await projectRow(projectId)).settled_at).not.toBeNull();
    expect(await expectLedgerConsistent(db)).toEqual(consistent);
  });

  it('leaves open projects with work left alone', async () => {
    const { projectId } = await fundedProject(app, { tasks: 2 });
    await submissions(app, projectId, 1);
    await services.review.settlement.sweep();
    expect((await projectRow(projectId)).status).toBe('published');
  });

  it('counts progress by the status a reader sees', async () => {
    const { requester, projectId } = await fundedProject(app, {
      tasks: 3,
      project: { timeAllottedSeconds: 60 },
    });
    const [done] = await submissions(app, projectId, 1);
    await requester.client.post(`/api/v1/assignments/${done!.id}/approve`);
    await submissions(app, projectId, 1);
    await accept(await signUp(app, { roles: ['worker'] }), projectId);
    const progress = async () =>
      (await requester.client.get(`/api/v1/projects/${projectId}`)).json().progress;
    expect(await progress()).toEqual({
      tasks: 3,
      assignmentsSubmitted: 1,
      assignmentsApproved: 1,
      assignmentsOutstanding: 1,
      overlap: null,
    });
    ctx.clock.advance(61_000);
    expect((await progress()).assignmentsOutstanding).toBe(0);
    const listed = (await requester.client.get('/api/v1/projects')).json();
    expect(
      listed.items.find((p: { id: string }) => p.id === projectId).progress.assignmentsApproved,
    ).toBe(1);
  });
});
