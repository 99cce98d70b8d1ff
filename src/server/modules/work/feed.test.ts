import { describe, expect, it } from 'vitest';
import { createTestApp, signUp, type Client } from '../../../../test/helpers/app.js';
import { GOOD_ANSWERS, publishedProject } from '../../../../test/helpers/work.js';

// The approval rate counts from the first review here, so a handful of reviews moves it.
const ctx = await createTestApp({ env: { APPROVAL_RATE_MIN_DECIDED: '0' } });
const { app, clock } = ctx;

type Item = { projectId: string; title: string; tasksAvailable: number };

async function feedOf(client: Client, query: string): Promise<Item[]> {
  const response = await client.get(`/api/v1/feed?${query}`);
  expect(response.statusCode).toBe(200);
  return response.json<{ items: Item[] }>().items;
}

async function accept(client: Client, projectId: string): Promise<string> {
  const response = await client.post(`/api/v1/projects/${projectId}/assignments`);
  expect(response.statusCode, response.body).toBe(201);
  return response.json<{ id: string }>().id;
}

describe('tasks available', () => {
  it('counts, for each worker, the open tasks they have not had', async () => {
    const { projectId } = await publishedProject(app, {
      tasks: 3,
      slots: 2,
      project: { title: 'Slots per worker count' },
    });
    const [a, b, c] = await Promise.all([1, 2, 3].map(() => signUp(app, { roles: ['worker'] })));
    const available = async (w: { client: Client }) =>
      (await feedOf(w.client, 'q=slots%20per%20worker')).map((i) => i.tasksAvailable);

    const heldByA = await accept(a!.client, projectId);
    expect(await available(a!)).toEqual([2]);
    expect(await available(b!)).toEqual([3]);
    // B takes the other slot of A's task: it is full for everyone else now.
    await accept(b!.client, projectId);
    expect(await available(c!)).toEqual([2]);
    // A gives it back: open again, but not for A, who has had it.
    await a!.client.post(`/api/v1/assignments/${heldByA}/return`);
    expect(await available(a!)).toEqual([2]);
    expect(await available(c!)).toEqual([3]);
  });

  it('sorts by tasks available, then newest first', async () => {
    const marker = `availsort${Date.now()}`;
    const project = (title: string, tasks: number) => {
      // Published a second apart, so "newest" is well defined.
      clock.advance(1000);
      return publishedProject(app, { tasks, project: { title: `${marker} ${title}` } });
    };
    // One after another: each is published at its own time.
    const few = await project('few', 2);
    await project('many', 5);
    await project('some', 3);
    const later = await project('some later', 3);
    const w = await signUp(app, { roles: ['worker'] });
    const listed = async () =>
      (await feedOf(w.client, `q=${marker}&sort=available`)).map((i) => [
        i.title.replace(`${marker} `, ''),
        i.tasksAvailable,
      ]);
    expect(await listed()).toEqual([
      ['many', 5],
      ['some later', 3],
      ['some', 3],
      ['few', 2],
    ]);
    // A task this worker holds no longer counts for them.
    await accept(w.client, later.projectId);
    await accept(w.client, few.projectId);
    expect(await listed()).toEqual([
      ['many', 5],
      ['some', 3],
      ['some later', 2],
      ['few', 1],
    ]);
  });

  it('pages through the most-available order without losing or repeating a project', async () => {
    const marker = `availpage${Date.now()}`;
    const sizes = [4, 7, 2, 7, 5, 3, 6];
    const ids: string[] = [];
    for (const [i, tasks] of sizes.entries()) {
      clock.advance(1000);
      ids.push(
        (await publishedProject(app, { tasks, project: { title: `${marker} p${i}` } })).projectId,
      );
    }
    const w = await signUp(app, { roles: ['worker'] });
    // Holding tasks drops two projects below others for this worker only.
    for (const id of [ids[1]!, ids[1]!, ids[1]!, ids[6]!]) await accept(w.client, id);
    const page = async (cursor: string | null) => {
      const res = await w.client.get(
        `/api/v1/feed?q=${marker}&sort=available&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(res.statusCode).toBe(200);
      return res.json<{ items: Item[]; nextCursor: string | null }>();
    };
    const seen: [string, number][] = [];
    let cursor: string | null = null;
    do {
      const next = await page(cursor);
      seen.push(
        ...next.items.map((i): [string, number] => [
          i.title.replace(`${marker} `, ''),
          i.tasksAvailable,
        ]),
      );
      cursor = next.nextCursor;
    } while (cursor);
    // By tasks available for this worker, ties newest first.
    expect(seen).toEqual([
      ['p3', 7],
      ['p6', 5],
      ['p4', 5],
      ['p1', 4],
      ['p0', 4],
      ['p5', 3],
      ['p2', 2],
    ]);
  });
});

describe('requirements in the feed', () => {
  it("compares each requirement with the worker's grants, reviewed work and country", async () => {
    const marker = `reqmark${Date.now()}`;
    const requester = await signUp(app, { roles: ['requester'] });
    const type = await requester.client.post('/api/v1/qualification-types', {
      name: `Skill ${marker}`,
    });
    expect(type.statusCode, type.body).toBe(201);
    const skill = type.json<{ id: string }>().id;
    const project = async (name: string, qualificationRequirements: unknown[]) =>
      (
        await publishedProject(app, {
          tasks: 2,
          requester,
          project: { title: `${marker} ${name}`, qualificationRequirements },
        })
      ).projectId;
    const rate = { qualificationTypeId: 'system.approval_rate', comparator: 'GreaterThan' };
    await project('rate over 60', [{ ...rate, integerValues: [60] }]);
    await project('rate over 40', [{ ...rate, integerValues: [40] }]);
    await project('approved at least 1', [
      {
        qualificationTypeId: 'system.approved_count',
        comparator: 'GreaterThan',
        integerValues: [0],
      },
    ]);
    await project('skill over 30', [
      { qualificationTypeId: skill, comparator: 'GreaterThan', integerValues: [30] },
    ]);
    await project('in Norway', [
      { qualificationTypeId: 'system.country', comparator: 'In', localeValues: ['NO', 'SE'] },
    ]);
    const listed = async (client: Client) =>
      (await feedOf(client, `q=${marker}`)).map((i) => i.title.replace(`${marker} `, '')).sort();

    const w = await signUp(app, { roles: ['worker'] });
    // No reviewed work counts as 100 % approved; nothing approved yet; no grant; no country.
    expect(await listed(w.client)).toEqual(['rate over 40', 'rate over 60']);

    // One approved and one rejected: 50 %. A grant of 40 and a country complete the picture.
    const { requester: owner, projectId } = await publishedProject(app, { tasks: 2 });
    for (const action of ['approve', 'reject'] as const) {
      const id = await accept(w.client, projectId);
      await w.client.post(`/api/v1/assignments/${id}/submit`, { answers: GOOD_ANSWERS });
      const body = action === 'reject' ? { reason: 'Not what was asked.' } : {};
      const reviewed = await owner.client.post(`/api/v1/assignments/${id}/${action}`, body);
      expect(reviewed.statusCode, reviewed.body).toBe(200);
    }
    const granted = await requester.client.put(
      `/api/v1/qualification-types/${skill}/workers/${w.user.id}`,
      { value: 40 },
    );
    expect(granted.statusCode, granted.body).toBe(200);
    await w.client.patch('/api/v1/me', { country: 'NO' });
    expect(await listed(w.client)).toEqual([
      'approved at least 1',
      'in Norway',
      'rate over 40',
      'skill over 30',
    ]);
  });
});

describe('estimated hourly rate', () => {
  it('comes from the median time of the 50 latest submissions, once there are three', async () => {
    const { projectId } = await publishedProject(app, {
      // One more than the worker does, so that the project stays in their feed.
      tasks: 101,
      project: { title: 'Hourly rate window', rewardCents: 10, timeAllottedSeconds: 3600 },
    });
    const w = await signUp(app, { roles: ['worker'] });
    const rate = async () =>
      (await feedOf(w.client, 'q=hourly%20rate%20window'))[0] as Item & {
        estimatedHourlyCents: number | null;
      };
    const work = async (seconds: number) => {
      const id = await accept(w.client, projectId);
      clock.advance(seconds * 1000);
      const submitted = await w.client.post(`/api/v1/assignments/${id}/submit`, {
        answers: GOOD_ANSWERS,
      });
      expect(submitted.statusCode).toBe(200);
    };

    await work(600);
    await work(600);
    expect((await rate()).estimatedHourlyCents).toBeNull();
    await work(600);
    // 10 cents per 10 minutes.
    expect((await rate()).estimatedHourlyCents).toBe(60);
    for (let i = 3; i < 50; i++) await work(600);
    // The next 50 take a minute each: the older, slower ones leave the window.
    for (let i = 0; i < 50; i++) await work(60);
    expect((await rate()).estimatedHourlyCents).toBe(600);
  });
});
