import { describe, expect, it } from 'vitest';
import { createTestApp, signUp, type Client } from '../../../../test/helpers/app.js';
import { GOLD_QUALITY, goldProject } from '../../../../test/helpers/gold.js';
import { createProject, signUpRequester, uploadCsv } from '../../../../test/helpers/projects.js';
import { SIMPLE_FORM } from '../../../../test/helpers/work.js';

const ctx = await createTestApp();
const { app } = ctx;

const QUALITY = GOLD_QUALITY;

async function publish(client: Client, projectId: string) {
  expect((await client.post(`/api/v1/projects/${projectId}/publish`)).statusCode).toBe(200);
}

async function goldRows(projectId: string) {
  return ctx.database.db
    .selectFrom('task_gold as g')
    .innerJoin('tasks as t', 't.id', 'g.task_id')
    .select(['t.id', 't.data', 'g.answers', 'g.explanation'])
    .where('t.project_id', '=', projectId)
    .execute();
}

/** Nothing a worker is sent may carry a known answer, its explanation or the word "gold". */
function expectNoGold(body: string) {
  expect(body.toLowerCase()).not.toContain('gold');
  expect(body).not.toContain('A cat is an animal');
}

describe('gold import', () => {
  it('stores JSON { data, gold } rows as task_gold, keeping the answers out of the task data', async () => {
    const { projectId } = await goldProject(app, { plain: 2, gold: 2 });
    const gold = await goldRows(projectId);
    expect(gold).toHaveLength(2);
    expect(gold[0]).toMatchObject({
      data: { word: 'sample0' },
      answers: { animal: 'yes' },
      explanation: 'A cat is an animal.',
    });
  });

  it('reads CSV Gold.<item> and Gold.explanation columns', async () => {
    const requester = await signUpRequester(app);
    const project = await createProject(requester.client, { template: SIMPLE_FORM });
    const csv = 'word,Gold.animal,Gold.explanation\ncat,yes,Cats are animals\nrock,,\n';
    const upload = await uploadCsv(requester.client, project.id, csv);
    expect(upload.statusCode, upload.body).toBe(201);
    expect(upload.json().columns).toEqual(['word']);
    const gold = await goldRows(project.id);
    expect(gold).toEqual([
      expect.objectContaining({
        data: { word: 'cat' },
        answers: { animal: 'yes' },
        explanation: 'Cats are animals',
      }),
    ]);
  });

  it('refuses a gold choice that is not an option, naming row and item, and imports nothing', async () => {
    const requester = await signUpRequester(app);
    const project = await createProject(requester.client, { template: SIMPLE_FORM });
    const csv = 'word,Gold.animal\ncat,yes\ndog,maybe\n';
    const upload = await uploadCsv(requester.client, project.id, csv);
    expect(upload.statusCode).toBe(400);
    expect(upload.json().error).toMatchObject({ code: 'invalid_gold', details: { row: 2 } });
    expect(upload.json().error.message).toContain('Row 2');
    expect(upload.json().error.message).toContain('animal');
    const tasks = await requester.client.get(`/api/v1/projects/${project.id}/tasks`);
    expect(tasks.json().items).toEqual([]);
    expect(await goldRows(project.id)).toEqual([]);
  });

  it('refuses gold that misses a required item', async () => {
    const requester = await signUpRequester(app);
    const project = await createProject(requester.client, { template: SIMPLE_FORM });
    const upload = await requester.client.post(`/api/v1/projects/${project.id}/batches`, {
      rows: [{ data: { word: 'cat' }, gold: { answers: { note: 'x' } } }],
    });
    expect(upload.statusCode).toBe(400);
    expect(upload.json().error.message).toMatch(/Row 1.*animal: is required/);
  });
});

describe('quality settings', () => {
  it('round-trips through the project API and refuses thresholds outside 0–100', async () => {
    const requester = await signUpRequester(app);
    const project = await createProject(requester.client, {
      template: SIMPLE_FORM,
      quality: QUALITY,
      minWorkSeconds: 20,
    });
    expect(project).toMatchObject({ quality: QUALITY, minWorkSeconds: 20 });
    for (const bad of [{ minGoldAccuracyPercent: 101 }, { goldPercent: -1 }]) {
      const patch = await requester.client.patch(`/api/v1/projects/${project.id}`, {
        quality: bad,
      });
      expect(patch.statusCode).toBe(400);
      expect(patch.body).toContain(Object.keys(bad)[0]);
    }
    const unchanged = (await requester.client.get(`/api/v1/projects/${project.id}`)).json();
    expect(unchanged.quality).toEqual(QUALITY);
  });
});

describe('gold in the work stream', () => {
  it('mixes gold at about the rate, once per worker, never revealing it before submit', async () => {
    const { requester, projectId } = await goldProject(app, { plain: 6, gold: 6 });
    await publish(requester.client, projectId);
    const w = await signUp(app, { roles: ['worker'] });
    const goldIds = new Set((await goldRows(projectId)).map((g) => g.id));
    const seen: string[] = [];
    for (let i = 0; i < 8; i++) {
      const accepted = await w.client.post(`/api/v1/projects/${projectId}/assignments`);
      expect(accepted.statusCode).toBe(201);
      expectNoGold(accepted.body);
      const id = accepted.json().id as string;
      seen.push(accepted.json().taskId as string);
      const detail = await w.client.get(`/api/v1/assignments/${id}`);
      expectNoGold(detail.body);
      const submit = await w.client.post(`/api/v1/assignments/${id}/submit`, {
        answers: { animal: 'yes' },
      });
      expect(submit.statusCode).toBe(200);
      expectNoGold(submit.body);
    }
    expect(new Set(seen).size).toBe(8);
    const goldSeen = seen.filter((t) => goldIds.has(t)).length;
    expect(goldSeen).toBeGreaterThanOrEqual(3);
    expect(goldSeen).toBeLessThanOrEqual(5);
    expectNoGold((await w.client.get('/api/v1/me/assignments')).body);
    expectNoGold((await w.client.get('/api/v1/feed')).body);
  });

  it('stops a worker below the accuracy floor with the reason, and shows feedback after a wrong answer', async () => {
    const { requester, projectId } = await goldProject(app, {
      plain: 4,
      gold: 4,
      quality: { ...QUALITY, goldPercent: 100 },
    });
    await publish(requester.client, projectId);
    const careless = await signUp(app, { roles: ['worker'] });
    const careful = await signUp(app, { roles: ['worker'] });
    for (let i = 0; i < 2; i++) {
      const a = (await careless.client.post(`/api/v1/projects/${projectId}/assignments`)).json();
      const submit = await careless.client.post(`/api/v1/assignments/${a.id}/submit`, {
        answers: { animal: 'no' },
      });
      expect(submit.json().goldFeedback).toEqual({
        correct: false,
        explanation: 'A cat is an animal.',
        expected: { animal: 'yes' },
      });
      const b = (await careful.client.post(`/api/v1/projects/${projectId}/assignments`)).json();
      const ok = await careful.client.post(`/api/v1/assignments/${b.id}/submit`, {
        answers: { animal: 'yes' },
      });
      expect(ok.json().goldFeedback).toBeUndefined();
    }
    const stopped = await careless.client.post(`/api/v1/projects/${projectId}/assignments`);
    expect(stopped.statusCode).toBe(403);
    expect(stopped.json().error).toMatchObject({
      code: 'quality_too_low',
      details: { accuracyPercent: 0, minimumPercent: 60 },
    });
    expect(stopped.json().error.message).toContain('below the requester');
    // Find work no longer lists it for them; its preview (a kept link) says why.
    const feedIds = async (client: typeof careless.client) =>
      (await client.get('/api/v1/feed'))
        .json()
        .items.map((p: { projectId: string }) => p.projectId);
    expect(await feedIds(careless.client)).not.toContain(projectId);
    expect(await feedIds(careful.client)).toContain(projectId);
    const preview = await careless.client.get(`/api/v1/feed/${projectId}`);
    expect(preview.statusCode).toBe(403);
    expect(preview.json().error.code).toBe('quality_too_low');
    expect(
      (await careful.client.post(`/api/v1/projects/${projectId}/assignments`)).statusCode,
    ).toBe(201);
  });

  it("gains nothing from replaying another worker's answers or guessing task ids", async () => {
    const { requester, projectId } = await goldProject(app, {
      plain: 0,
      gold: 2,
      quality: { ...QUALITY, goldPercent: 100 },
    });
    await publish(requester.client, projectId);
    const guesser = await signUp(app, { roles: ['worker'] });
    const [gold] = await goldRows(projectId);
    // A requester's task list and preview are not a worker's to read.
    const tasks = await guesser.client.get(`/api/v1/projects/${projectId}/tasks`);
    expect(tasks.statusCode).toBe(403);
    const preview = await guesser.client.get(
      `/api/v1/projects/${projectId}/preview?taskId=${gold!.id}`,
    );
    expect(preview.statusCode).toBe(403);
    const other = await signUp(app, { roles: ['worker'] });
    const theirs = (await other.client.post(`/api/v1/projects/${projectId}/assignments`)).json();
    await other.client.post(`/api/v1/assignments/${theirs.id}/submit`, {
      answers: { animal: 'no' },
    });
    // Another worker's assignment is not found, and cannot be submitted again by someone else.
    expect((await guesser.client.get(`/api/v1/assignments/${theirs.id}`)).statusCode).toBe(404);
    const replay = await guesser.client.post(`/api/v1/assignments/${theirs.id}/submit`, {
      answers: { animal: 'no' },
    });
    expect(replay.statusCode).toBe(404);
    const scored = await ctx.database.db
      .selectFrom('assignments')
      .select(['worker_id', 'gold_correct'])
      .where('project_id', '=', projectId)
      .execute();
    expect(scored).toEqual([{ worker_id: other.user.id, gold_correct: false }]);
  });
});

describe('work-time signals', () => {
  it('records workSeconds from the server clock and clamps activeSeconds to it', async () => {
    const { requester, projectId } = await goldProject(app, { plain: 1, gold: 0 });
    await publish(requester.client, projectId);
    const w = await signUp(app, { roles: ['worker'] });
    const a = (await w.client.post(`/api/v1/projects/${projectId}/assignments`)).json();
    const submit = await w.client.post(`/api/v1/assignments/${a.id}/submit`, {
      answers: { animal: 'yes' },
      activeSeconds: 600_000,
    });
    expect(submit.statusCode).toBe(200);
    const { workSeconds, activeSeconds } = submit.json();
    expect(typeof workSeconds).toBe('number');
    expect(activeSeconds).toBe(workSeconds);
    const bad = await w.client.post(`/api/v1/assignments/${a.id}/submit`, {
      answers: { animal: 'yes' },
      activeSeconds: -3,
    });
    expect(bad.statusCode).toBe(400);
  });
});
