import { describe, expect, it } from 'vitest';
import type { FeedItem } from '../../../shared/api/work.js';
import { createTestApp, signUp, type Client } from '../../../../test/helpers/app.js';
import { GOOD_ANSWERS, publishedProject } from '../../../../test/helpers/work.js';

const ctx = await createTestApp();
const { app, clock } = ctx;

async function feedOf(client: Client, query: string) {
  const response = await client.get(`/api/v1/feed?${query}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json<{ items: FeedItem[]; nextCursor: string | null }>();
}

/** A 10-minute, 25-cent project, and a worker who takes one task per listed duration (seconds). */
async function projectWorkedFor(
  title: string,
  seconds: number[],
  rewardCents = 25,
  terms: Record<string, unknown> = {},
) {
  const { projectId } = await publishedProject(app, {
    tasks: seconds.length + 2,
    project: { title, rewardCents, timeAllottedSeconds: 600, ...terms },
  });
  const w = await signUp(app, { roles: ['worker'] });
  for (const s of seconds) {
    const accepted = await w.client.post(`/api/v1/projects/${projectId}/assignments`);
    expect(accepted.statusCode, accepted.body).toBe(201);
    clock.advance(s * 1000);
    const submitted = await w.client.post(
      `/api/v1/assignments/${accepted.json<{ id: string }>().id}/submit`,
      { answers: GOOD_ANSWERS },
    );
    expect(submitted.statusCode, submitted.body).toBe(200);
  }
  return projectId;
}

describe('estimated hourly pay', () => {
  it('ignores implausibly fast work: four 2-second submissions of a 10-minute task say nothing', async () => {
    const marker = `fastwork${Date.now()}`;
    await projectWorkedFor(marker, [2, 2, 2, 2]);
    const viewer = await signUp(app, { roles: ['worker'] });
    const [item] = (await feedOf(viewer.client, `q=${marker}`)).items;
    // Not 25 cents per 2 seconds, "about $450 an hour".
    expect(item).toMatchObject({
      estimatedHourlyCents: null,
      estimatedHourlyRangeCents: null,
      estimatedHourlyBasedOn: 0,
    });
  });

  it('gives the median and the interquartile range of the plausible work', async () => {
    const marker = `iqrwork${Date.now()}`;
    // 2 s is under 1 % of the 10 minutes allotted (6 s): left out. Of 60, 120, 180 and 240 s the
    // quartiles (interpolated) are 105, 150 and 195 s; 25 cents per hour at each:
    // 25 × 3600 / 150 = 600, / 195 = 461.5, / 105 = 857.1.
    await projectWorkedFor(marker, [240, 2, 60, 180, 120]);
    const viewer = await signUp(app, { roles: ['worker'] });
    const [item] = (await feedOf(viewer.client, `q=${marker}`)).items;
    expect(item).toMatchObject({
      estimatedHourlyCents: 600,
      estimatedHourlyRangeCents: { low: 462, high: 857 },
      estimatedHourlyBasedOn: 4,
    });
  });

  it('sorts by hourly pay and filters by a minimum, one page at a time', async () => {
    const marker = `hourlysort${Date.now()}`;
    // 25 cents in 150 s, 75 s, 300 s: 600, 1200 and 300 cents an hour; one without an estimate.
    await projectWorkedFor(`${marker} six`, [150, 150, 150]);
    await projectWorkedFor(`${marker} twelve`, [75, 75, 75]);
    await projectWorkedFor(`${marker} none`, []);
    await projectWorkedFor(`${marker} three`, [300, 300, 300]);
    const viewer = await signUp(app, { roles: ['worker'] });
    const titles = (items: FeedItem[]) => items.map((i) => i.title.replace(`${marker} `, ''));
    const pages = async (query: string) => {
      const seen: string[][] = [];
      let cursor: string | null = null;
      do {
        const page = await feedOf(
          viewer.client,
          `q=${marker}&${query}${cursor ? `&cursor=${cursor}` : ''}`,
        );
        seen.push(titles(page.items));
        cursor = page.nextCursor;
      } while (cursor);
      return seen;
    };

    expect(await pages('sort=hourly&limit=2')).toEqual([
      ['twelve', 'six'],
      ['three', 'none'],
    ]);
    expect(await pages('sort=hourly&minHourlyCents=600&limit=1')).toEqual([['twelve'], ['six']]);
    expect(await pages('minHourlyCents=301')).toEqual([['twelve', 'six']]);
    const bad = await viewer.client.get('/api/v1/feed?minHourlyCents=-1');
    expect(bad.statusCode).toBe(400);
  });

  it("shows the requester's estimate, marked as one, until 3 plausible submissions are measured", async () => {
    const marker = `estimatework${Date.now()}`;
    // 25 cents for an estimated 2 minutes: $7.50 an hour, as an estimate.
    const projectId = await projectWorkedFor(marker, [200, 200], 25, { estimatedSeconds: 120 });
    const viewer = await signUp(app, { roles: ['worker'] });
    const [before] = (await feedOf(viewer.client, `q=${marker}`)).items;
    expect(before).toMatchObject({
      estimatedSeconds: 120,
      estimatedHourlyCents: null,
      hourlyPay: { cents: 750, basis: 'estimate', basedOn: 2 },
    });
    // A third submission: measured at the median of 200 s, 450 cents an hour.
    const w = await signUp(app, { roles: ['worker'] });
    const accepted = await w.client.post(`/api/v1/projects/${projectId}/assignments`);
    clock.advance(200_000);
    const done = await w.client.post(
      `/api/v1/assignments/${accepted.json<{ id: string }>().id}/submit`,
      { answers: GOOD_ANSWERS },
    );
    expect(done.statusCode, done.body).toBe(200);
    const [after] = (await feedOf(viewer.client, `q=${marker}`)).items;
    expect(after?.hourlyPay).toEqual({ cents: 450, basis: 'measured', basedOn: 3 });
    // The worker sees the same figure on the work page.
    const work = await w.client.get(`/api/v1/assignments/${accepted.json<{ id: string }>().id}`);
    expect(work.json().hourlyPay).toEqual({ cents: 450, basis: 'measured', basedOn: 3 });
  });

  it("ignores work faster than a tenth of the requester's estimate or their minWorkSeconds", async () => {
    const marker = `botwork${Date.now()}`;
    // An estimated 5 minutes: 20-second submissions (6 s is 1 % of the time allotted) are a
    // script, not work; counted, they would say 25 cents per 20 s, $45 an hour.
    await projectWorkedFor(marker, [20, 20, 20, 20], 25, { estimatedSeconds: 300 });
    const minimum = `minwork${Date.now()}`;
    await projectWorkedFor(minimum, [20, 20, 20], 25, { minWorkSeconds: 25 });
    const viewer = await signUp(app, { roles: ['worker'] });
    const [item] = (await feedOf(viewer.client, `q=${marker}`)).items;
    expect(item?.hourlyPay).toEqual({ cents: 300, basis: 'estimate', basedOn: 0 });
    const [other] = (await feedOf(viewer.client, `q=${minimum}`)).items;
    expect(other?.hourlyPay).toEqual({ cents: null, basis: null, basedOn: 0 });
  });
});
