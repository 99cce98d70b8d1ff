import { describe, expect, it } from 'vitest';
import { createTestApp, signUp } from '../../../../test/helpers/app.js';
import { accept, submit } from '../../../../test/helpers/review.js';
import { publishedProject } from '../../../../test/helpers/work.js';
import type { WorkTimeDistribution } from '../../../shared/api/work-times.js';

const ctx = await createTestApp();
const { app, clock } = ctx;

/** A project paying 10 ¢ with a 60 s estimate and 10 minutes allotted: plausible from 6 s. */
const project = () =>
  publishedProject(app, {
    tasks: 6,
    rewardCents: 10,
    project: { estimatedSeconds: 60, timeAllottedSeconds: 600 },
  });

async function workFor(projectId: string, seconds: readonly number[]) {
  const worker = await signUp(app, { roles: ['worker'] });
  for (const s of seconds) {
    const id = await accept(worker, projectId);
    clock.advance(s * 1000);
    await submit(worker, id);
  }
}

const url = (projectId: string) => `/api/v1/projects/${projectId}/work-times`;

describe('GET /projects/{id}/work-times', () => {
  it('shows the estimate and no bars before any work is submitted', async () => {
    const { requester, projectId } = await project();
    const res = await requester.client.get(url(projectId));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<WorkTimeDistribution>()).toEqual({
      submissions: 0,
      plausibleFromSeconds: 6,
      tooFast: 0,
      bins: [],
      medianSeconds: null,
      hourlyPay: { cents: 600, basis: 'estimate', basedOn: 0 },
      estimatedSeconds: 60,
      estimatedHourlyCents: 600,
    });
  });

  it('bins every submission, counts the implausibly fast apart and measures by the rest', async () => {
    const { requester, projectId } = await project();
    // A bot's 2 s is charted but left out of the median (30, 40, 50 → 40 s → $9 an hour).
    await workFor(projectId, [2, 30, 40, 50]);
    const res = await requester.client.get(url(projectId));
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json<WorkTimeDistribution>();
    expect(body).toMatchObject({
      submissions: 4,
      tooFast: 1,
      medianSeconds: 40,
      hourlyPay: { cents: 900, basis: 'measured', basedOn: 3 },
      estimatedHourlyCents: 600,
    });
    // 50 s needs 11 bars of 5 s: the smallest round width with at most 12.
    expect(body.bins).toHaveLength(11);
    expect(body.bins[0]).toEqual({ fromSeconds: 0, toSeconds: 5, count: 1 });
    expect(body.bins.map((b) => b.count)).toEqual([1, 0, 0, 0, 0, 0, 1, 0, 1, 0, 1]);
    expect(body.bins.reduce((n, b) => n + b.count, 0)).toBe(4);
  });

  it("cannot read another requester's project, nor a worker, nor anyone signed out", async () => {
    const { projectId } = await project();
    const other = await publishedProject(app, { tasks: 1 });
    const worker = await signUp(app, { roles: ['worker'] });
    expect((await other.requester.client.get(url(projectId))).statusCode).toBe(404);
    expect((await worker.client.get(url(projectId))).statusCode).toBe(403);
    const anonymous = await app.inject({ method: 'GET', url: url(projectId) });
    expect(anonymous.statusCode).toBe(401);
    expect((await other.requester.client.get(url('not-a-uuid'))).statusCode).toBe(400);
  });
});
