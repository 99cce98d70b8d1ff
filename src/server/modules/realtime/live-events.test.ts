import { describe, expect, it } from 'vitest';
import { createTestApp, signUp } from '../../../../test/helpers/app.js';
import { accept, fundedProject, submissions, submit } from '../../../../test/helpers/review.js';
import type { LiveEvent } from '../../../shared/live-events.js';
import { createServices } from '../../app.js';
import { afterCommit } from '../../db/after-commit.js';
import { createInProcessEventBus, type Audience } from './event-bus.js';

// Every service publishes on this bus; the suite records what went to whom.
const bus = createInProcessEventBus();
const published: { event: LiveEvent; audience: Audience }[] = [];
bus.subscribe((event, audience) => published.push({ event, audience }));

const ctx = await createTestApp({ deps: { events: bus } });
const { app, clock } = ctx;
const db = ctx.database.db;
// The sweeps, as the server runs them, announcing on the same bus.
const sweeps = createServices({ db, clock, config: ctx.config, events: bus });

/** Lets deliveries queued so far happen (the bus delivers on a later turn of the event loop). */
const delivered = () => new Promise((resolve) => setImmediate(resolve));

/** What was published while `action` ran, and nothing announced before it. */
async function publishedDuring(action: () => Promise<unknown>) {
  await delivered();
  const from = published.length;
  await action();
  await delivered();
  return published.slice(from);
}

const toUser = (userId: string) => ({ userId });
const toWorkers = { role: 'worker' } as const;

describe('what work announces', () => {
  it('accept: the worker’s assignment, the requester’s progress, and the marketplace', async () => {
    const { requester, projectId } = await fundedProject(app, { tasks: 2 });
    const worker = await signUp(app, { roles: ['worker'] });
    let assignmentId = '';
    const events = await publishedDuring(async () => {
      assignmentId = await accept(worker, projectId);
    });
    expect(events).toEqual([
      {
        event: { type: 'assignment.updated', assignmentId, projectId, status: 'accepted' },
        audience: toUser(worker.user.id),
      },
      {
        event: { type: 'project.progress', projectId, change: 'accepted' },
        audience: toUser(requester.user.id),
      },
      {
        event: { type: 'feed.changed', projectId, change: 'availability' },
        audience: toWorkers,
      },
    ]);

    const submitted = await publishedDuring(() => submit(worker, assignmentId));
    expect(submitted).toEqual([
      {
        event: { type: 'assignment.updated', assignmentId, projectId, status: 'submitted' },
        audience: toUser(worker.user.id),
      },
      {
        event: { type: 'project.progress', projectId, change: 'submitted' },
        audience: toUser(requester.user.id),
      },
    ]);
  });

  it('return and expiry give the slot back to the marketplace', async () => {
    const { requester, projectId } = await fundedProject(app, {
      tasks: 2,
      project: { timeAllottedSeconds: 600 },
    });
    const worker = await signUp(app, { roles: ['worker'] });
    const returnedId = await accept(worker, projectId);
    const returned = await publishedDuring(() =>
      worker.client.post(`/api/v1/assignments/${returnedId}/return`),
    );
    expect(returned.map((p) => [p.event.type, p.audience])).toEqual([
      ['assignment.updated', toUser(worker.user.id)],
      ['project.progress', toUser(requester.user.id)],
      ['feed.changed', toWorkers],
    ]);

    const expiringId = await accept(worker, projectId);
    clock.advance(601_000);
    const expired = await publishedDuring(() => sweeps.work.sweepExpired());
    expect(expired).toContainEqual({
      event: { type: 'assignment.updated', assignmentId: expiringId, projectId, status: 'expired' },
      audience: toUser(worker.user.id),
    });
    expect(expired).toContainEqual({
      event: { type: 'project.progress', projectId, change: 'expired' },
      audience: toUser(requester.user.id),
    });
    expect(expired).toContainEqual({
      event: { type: 'feed.changed', projectId, change: 'availability' },
      audience: toWorkers,
    });
  });

  it('a refused action announces nothing', async () => {
    const { requester, projectId } = await fundedProject(app, { tasks: 1 });
    await requester.client.post(`/api/v1/projects/${projectId}/pause`);
    const worker = await signUp(app, { roles: ['worker'] });
    const events = await publishedDuring(async () => {
      const refused = await worker.client.post(`/api/v1/projects/${projectId}/assignments`);
      expect(refused.statusCode).toBe(409);
    });
    expect(events).toEqual([]);
  });
});

describe('what review announces', () => {
  it('approve: the worker’s assignment and notification, and the requester’s progress', async () => {
    const { requester, projectId } = await fundedProject(app, { tasks: 1 });
    const [done] = await submissions(app, projectId, 1);
    const workerId = done!.worker.user.id;
    const events = await publishedDuring(() =>
      requester.client.post(`/api/v1/assignments/${done!.id}/approve`, {}),
    );
    expect(events).toHaveLength(3);
    expect(events).toContainEqual({
      event: { type: 'assignment.updated', assignmentId: done!.id, projectId, status: 'approved' },
      audience: toUser(workerId),
    });
    expect(events).toContainEqual({
      event: {
        type: 'notification.created',
        notificationId: expect.any(String),
        kind: 'assignment_approved',
      },
      audience: toUser(workerId),
    });
    expect(events).toContainEqual({
      event: { type: 'project.progress', projectId, change: 'approved' },
      audience: toUser(requester.user.id),
    });
  });

  it('reject tells the worker why (by notification) and frees the slot; a bad reject says nothing', async () => {
    const { requester, projectId } = await fundedProject(app, { tasks: 1 });
    const [done] = await submissions(app, projectId, 1);
    const noReason = await publishedDuring(async () => {
      const res = await requester.client.post(`/api/v1/assignments/${done!.id}/reject`, {});
      expect(res.statusCode).toBe(400);
    });
    expect(noReason).toEqual([]);
    const events = await publishedDuring(() =>
      requester.client.post(`/api/v1/assignments/${done!.id}/reject`, { reason: 'blank' }),
    );
    expect(events.map((p) => [p.event.type, p.audience])).toEqual([
      ['notification.created', toUser(done!.worker.user.id)],
      ['assignment.updated', toUser(done!.worker.user.id)],
      ['project.progress', toUser(requester.user.id)],
      ['feed.changed', toWorkers],
    ]);
  });

  it('a bonus reaches the worker only, with its amount', async () => {
    const { requester, projectId } = await fundedProject(app, { tasks: 1 });
    const [done] = await submissions(app, projectId, 1);
    const events = await publishedDuring(() =>
      requester.client.post(`/api/v1/assignments/${done!.id}/bonus`, {
        amountCents: 150,
        reason: 'Thorough',
      }),
    );
    expect(
      events.every((p) => 'userId' in p.audience && p.audience.userId === done!.worker.user.id),
    ).toBe(true);
    expect(events.map((p) => p.event)).toContainEqual({
      type: 'assignment.updated',
      assignmentId: done!.id,
      projectId,
      status: 'submitted',
      bonusCents: 150,
    });
  });

  it('a bulk approval tells each worker, and the requester once', async () => {
    const { requester, projectId } = await fundedProject(app, { tasks: 3 });
    const done = await submissions(app, projectId, 3);
    const events = await publishedDuring(() =>
      requester.client.post(`/api/v1/projects/${projectId}/review`, {
        action: 'approve',
        assignmentIds: done.map((d) => d.id),
      }),
    );
    const updated = events.filter((p) => p.event.type === 'assignment.updated');
    expect(updated.map((p) => ('userId' in p.audience ? p.audience.userId : '')).sort()).toEqual(
      done.map((d) => d.worker.user.id).sort(),
    );
    expect(events.filter((p) => p.event.type === 'project.progress')).toEqual([
      {
        event: { type: 'project.progress', projectId, change: 'approved' },
        audience: toUser(requester.user.id),
      },
    ]);
  });

  it('the auto-approval sweep announces what it approved', async () => {
    const { requester, projectId } = await fundedProject(app, {
      tasks: 1,
      project: { autoApproveSeconds: 3600 },
    });
    const [done] = await submissions(app, projectId, 1);
    clock.advance(3601_000);
    const events = await publishedDuring(() => sweeps.review.review.sweepAutoApprove());
    expect(events).toContainEqual({
      event: { type: 'assignment.updated', assignmentId: done!.id, projectId, status: 'approved' },
      audience: toUser(done!.worker.user.id),
    });
    expect(events).toContainEqual({
      event: { type: 'project.progress', projectId, change: 'approved' },
      audience: toUser(requester.user.id),
    });
  });
});

describe('what the project lifecycle announces', () => {
  it('publish, pause, resume and cancel reach workers as feed changes, and only them', async () => {
    let projectId = '';
    const published = await publishedDuring(async () => {
      projectId = (await fundedProject(app, { tasks: 1 })).projectId;
    });
    expect(published).toEqual([
      { event: { type: 'feed.changed', projectId, change: 'published' }, audience: toWorkers },
    ]);
    const { requester } = await fundedProject(app, { tasks: 1 });
    const own = (await fundedProject(app, { tasks: 1, requester })).projectId;
    for (const [action, change] of [
      ['pause', 'paused'],
      ['resume', 'resumed'],
      ['cancel', 'closed'],
    ] as const) {
      const events = await publishedDuring(() =>
        requester.client.post(`/api/v1/projects/${own}/${action}`),
      );
      expect(events).toContainEqual({
        event: { type: 'feed.changed', projectId: own, change },
        audience: toWorkers,
      });
      expect(events.filter((p) => p.event.type === 'feed.changed')).toHaveLength(1);
    }
  });
});

describe('afterCommit', () => {
  it('runs after the transaction commits, and never for one that rolls back', async () => {
    const calls: string[] = [];
    await db.transaction().execute(async (trx) => {
      await afterCommit(trx, () => calls.push('committed'));
      expect(calls).toEqual([]);
    });
    expect(calls).toEqual(['committed']);
    await expect(
      db.transaction().execute(async (trx) => {
        await afterCommit(trx, () => calls.push('rolled back'));
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    // The next transaction on the same connection does not inherit the dropped callback.
    await db.transaction().execute(async () => {});
    expect(calls).toEqual(['committed']);
  });
});
