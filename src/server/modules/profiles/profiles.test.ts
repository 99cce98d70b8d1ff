import { describe, expect, it } from 'vitest';
import { signInAsAdmin } from '../../../../test/helpers/admin.js';
import { Client, createTestApp, signUp } from '../../../../test/helpers/app.js';
import { createProject, signUpRequester } from '../../../../test/helpers/projects.js';
import { accept, fundedProject, submit } from '../../../../test/helpers/review.js';

const ctx = await createTestApp();
const { app, clock } = ctx;
const anonymous = new Client(app);

/**
 * A requester with two published projects (10 cents a task) and a draft; one worker with two
 * approved assignments (one bonused 7 cents), one rejected and one awaiting review.
 */
async function history() {
  const first = await fundedProject(app, { tasks: 4, rewardCents: 10 });
  const { requester } = first;
  clock.advance(60_000);
  const second = await fundedProject(app, { tasks: 2, rewardCents: 25, requester });
  await createProject(requester.client, { title: 'Unpublished idea' });
  const worker = await signUp(app, { roles: ['worker'] });
  const ids: string[] = [];
  for (let i = 0; i < 4; i++) {
    ids.push(await accept(worker, first.projectId));
    await submit(worker, ids[i]!);
  }
  const review = (id: string, action: string, body: Record<string, unknown> = {}) =>
    requester.client.post(`/api/v1/assignments/${id}/${action}`, body);
  expect((await review(ids[0]!, 'approve')).statusCode).toBe(200);
  expect((await review(ids[1]!, 'approve')).statusCode).toBe(200);
  expect((await review(ids[2]!, 'reject', { reason: 'Off topic' })).statusCode).toBe(200);
  const bonus = await review(ids[0]!, 'bonus', { amountCents: 7, reason: 'Careful work' });
  expect(bonus.statusCode).toBe(201);
  return { requester, worker, first, second };
}

describe('a public track record', () => {
  it('shows a worker’s approved jobs, and a requester’s projects and what they paid', async () => {
    const { requester, worker } = await history();

    const ofWorker = await anonymous.get(`/api/v1/users/${worker.user.handle}/record`);
    expect(ofWorker.statusCode).toBe(200);
    expect(ofWorker.json()).toEqual({
      worker: { jobsCompleted: 2, projectsWorkedOn: 1 },
      requester: null,
    });

    // By id as well as by handle; the draft does not count.
    const ofRequester = await anonymous.get(`/api/v1/users/${requester.user.id}/record`);
    expect(ofRequester.json()).toEqual({
      worker: null,
      requester: { projectsPublished: 2, jobsApproved: 2, paidToWorkersCents: 27 },
    });
  });

  it('keeps what a worker earned private until they choose to show it', async () => {
    const { requester, worker } = await history();
    const other = await signUp(app, { roles: ['worker'] });
    const url = `/api/v1/users/${worker.user.handle}/record`;
    const earnedAsSeenBy = async (caller: Client) => {
      const response = await caller.get(url);
      expect(response.statusCode).toBe(200);
      return response.json<{ worker: Record<string, number> }>().worker;
    };
    const everyone = [anonymous, other.client, requester.client, worker.client];

    expect((await worker.client.get('/api/v1/me')).json().showEarnings).toBe(false);
    for (const caller of everyone) {
      expect(await earnedAsSeenBy(caller)).toEqual({ jobsCompleted: 2, projectsWorkedOn: 1 });
    }
    // The worker's own earnings page has them whatever the public sees.
    const own = await worker.client.get('/api/v1/me/earnings');
    expect(own.statusCode).toBe(200);
    expect(own.json().approvedCents).toBe(27);

    const bad = await worker.client.patch('/api/v1/me', { showEarnings: 'yes' });
    expect(bad.statusCode).toBe(400);
    expect(await earnedAsSeenBy(anonymous)).not.toHaveProperty('earnedCents');

    const shown = await worker.client.patch('/api/v1/me', { showEarnings: true });
    expect(shown.statusCode).toBe(200);
    expect(shown.json().showEarnings).toBe(true);
    for (const caller of everyone) {
      expect(await earnedAsSeenBy(caller)).toEqual({
        jobsCompleted: 2,
        projectsWorkedOn: 1,
        earnedCents: 27,
      });
    }

    await worker.client.patch('/api/v1/me', { showEarnings: false });
    expect(await earnedAsSeenBy(anonymous)).toEqual({ jobsCompleted: 2, projectsWorkedOn: 1 });
    expect((await worker.client.get('/api/v1/me/earnings')).json().approvedCents).toBe(27);
  });

  it('lists a requester’s published projects newest first with jobs and pay, in pages', async () => {
    const { requester, first, second } = await history();
    const url = `/api/v1/users/${requester.user.handle}/projects`;
    const page = await anonymous.get(`${url}?limit=1`);
    expect(page.statusCode).toBe(200);
    expect(page.json().items).toEqual([
      expect.objectContaining({
        id: second.projectId,
        status: 'published',
        jobsApproved: 0,
        paidToWorkersCents: 0,
      }),
    ]);
    const rest = await anonymous.get(`${url}?limit=1&cursor=${page.json().nextCursor}`);
    expect(rest.json()).toEqual({
      items: [
        {
          id: first.projectId,
          title: 'Caption photos',
          status: 'published',
          publishedAt: expect.any(String),
          jobsApproved: 2,
          paidToWorkersCents: 27,
        },
      ],
      nextCursor: null,
    });
  });

  it('has nothing for roles a user does not hold, and starts at zero', async () => {
    const worker = await signUp(app, { roles: ['worker'] });
    expect((await anonymous.get(`/api/v1/users/${worker.user.handle}/projects`)).json()).toEqual({
      items: [],
      nextCursor: null,
    });
    const both = await signUp(app, { roles: ['worker', 'requester'] });
    expect((await both.client.get(`/api/v1/users/${both.user.handle}/record`)).json()).toEqual({
      worker: { jobsCompleted: 0, projectsWorkedOn: 0 },
      requester: { projectsPublished: 0, jobsApproved: 0, paidToWorkersCents: 0 },
    });
  });

  it('answers 404 for an unknown or suspended user and 400 for a bad cursor', async () => {
    expect((await anonymous.get('/api/v1/users/nobody-here/record')).statusCode).toBe(404);
    expect((await anonymous.get('/api/v1/users/nobody-here/projects')).statusCode).toBe(404);
    const requester = await signUpRequester(app);
    const bad = await anonymous.get(`/api/v1/users/${requester.user.handle}/projects?cursor=x`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].path).toBe('querystring.cursor');
    const admin = await signInAsAdmin(ctx);
    await admin.client.post(`/api/v1/admin/users/${requester.user.id}/suspend`);
    expect((await anonymous.get(`/api/v1/users/${requester.user.handle}/record`)).statusCode).toBe(
      404,
    );
  });
});
