import { describe, expect, it } from 'vitest';
import { LIMITS } from '../../../shared/limits.js';
import { Client, createTestApp, signUp } from '../../../../test/helpers/app.js';
import { GOOD_ANSWERS, publishedProject } from '../../../../test/helpers/work.js';
import { createWorkRepository } from './work.repository.js';

const ctx = await createTestApp();
const { app } = ctx;

async function worker() {
  return signUp(app, { roles: ['worker'] });
}

async function accept(client: Client, projectId: string) {
  return client.post(`/api/v1/projects/${projectId}/assignments`);
}

describe('feed', () => {
  it('lists published projects with reward, time and tasks available, and hides them once done', async () => {
    const { projectId } = await publishedProject(app, {
      tasks: 2,
      project: { title: 'Animal check feed' },
    });
    const w = await worker();
    const feed = (await w.client.get('/api/v1/feed?q=animal%20check%20feed')).json();
    expect(feed.items).toHaveLength(1);
    expect(feed.items[0]).toMatchObject({
      projectId,
      rewardCents: 10,
      tasksAvailable: 2,
      estimatedHourlyCents: null,
    });
    for (let i = 0; i < 2; i++) {
      const a = (await accept(w.client, projectId)).json();
      await w.client.post(`/api/v1/assignments/${a.id}/submit`, { answers: GOOD_ANSWERS });
    }
    expect((await w.client.get('/api/v1/feed?q=animal%20check%20feed')).json().items).toEqual([]);
  });

  it('sorts by reward and pages with a cursor', async () => {
    const marker = `sortmark${Date.now()}`;
    for (const reward of [5, 30, 20]) {
      await publishedProject(app, {
        project: { title: `${marker} ${reward}`, rewardCents: reward },
      });
    }
    const w = await worker();
    const first = (await w.client.get(`/api/v1/feed?q=${marker}&sort=reward&limit=2`)).json();
    expect(first.items.map((i: { rewardCents: number }) => i.rewardCents)).toEqual([30, 20]);
    const second = (
      await w.client.get(`/api/v1/feed?q=${marker}&sort=reward&limit=2&cursor=${first.nextCursor}`)
    ).json();
    expect(second.items.map((i: { rewardCents: number }) => i.rewardCents)).toEqual([5]);
    expect(second.nextCursor).toBeNull();
  });

  it('leaves out drafts, paused projects and requesters who blocked the worker', async () => {
    const { requester, projectId } = await publishedProject(app, {
      project: { title: 'Pausable feed item' },
    });
    const w = await worker();
    expect((await w.client.get('/api/v1/feed?q=pausable')).json().items).toHaveLength(1);
    await requester.client.post(`/api/v1/projects/${projectId}/pause`);
    expect((await w.client.get('/api/v1/feed?q=pausable')).json().items).toHaveLength(0);
    await requester.client.post(`/api/v1/projects/${projectId}/resume`);
    await ctx.database.db
      .insertInto('blocks')
      .values({ requester_id: requester.user.id, worker_id: w.user.id, reason: 'spam answers' })
      .execute();
    expect((await w.client.get('/api/v1/feed?q=pausable')).json().items).toHaveLength(0);
    expect((await accept(w.client, projectId)).statusCode).toBe(404);
  });

  it('enforces qualification requirements when listing, previewing and accepting', async () => {
    const { projectId } = await publishedProject(app, {
      project: {
        title: 'Germany only',
        qualificationRequirements: [
          { qualificationTypeId: 'system.country', comparator: 'EqualTo', localeValues: ['DE'] },
        ],
      },
    });
    const w = await worker();
    expect((await w.client.get('/api/v1/feed?q=germany')).json().items).toHaveLength(0);
    const preview = await w.client.get(`/api/v1/feed/${projectId}`);
    expect(preview.statusCode).toBe(403);
    const refused = await accept(w.client, projectId);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('not_qualified');
    await w.client.patch('/api/v1/me', { country: 'DE' });
    expect((await w.client.get('/api/v1/feed?q=germany')).json().items).toHaveLength(1);
    expect((await w.client.get(`/api/v1/feed/${projectId}`)).json().preview.kind).toBe('form');
    expect((await accept(w.client, projectId)).statusCode).toBe(201);
  });

  it('is for workers', async () => {
    const r = await signUp(app, { roles: ['requester'] });
    expect((await r.client.get('/api/v1/feed')).statusCode).toBe(403);
    expect((await new Client(app).get('/api/v1/feed')).statusCode).toBe(401);
  });
});

describe('own projects', () => {
  it('keeps a worker who is also a requester out of their own projects, and only those', async () => {
    const marker = `ownwork${Date.now()}`;
    const both = await signUp(app, { roles: ['worker', 'requester'] });
    const { projectId: own } = await publishedProject(app, {
      requester: both,
      project: { title: `${marker} mine` },
    });
    const { projectId: theirs } = await publishedProject(app, {
      project: { title: `${marker} theirs` },
    });
    const listed = async (client: Client, sort: string) =>
      (await client.get(`/api/v1/feed?q=${marker}&sort=${sort}`))
        .json<{ items: { projectId: string }[] }>()
        .items.map((i) => i.projectId);
    for (const sort of ['newest', 'reward', 'available', 'hourly']) {
      expect(await listed(both.client, sort)).toEqual([theirs]);
    }

    const preview = await both.client.get(`/api/v1/feed/${own}`);
    expect(preview.statusCode).toBe(403);
    expect(preview.json().error.code).toBe('own_project');
    const accepted = await accept(both.client, own);
    expect(accepted.statusCode).toBe(403);
    expect(accepted.json().error.code).toBe('own_project');
    expect((await both.client.get('/api/v1/me/assignments')).json().items).toEqual([]);

    // Other users' projects are theirs to work on, and other workers may work on this one.
    expect((await both.client.get(`/api/v1/feed/${theirs}`)).statusCode).toBe(200);
    expect((await accept(both.client, theirs)).statusCode).toBe(201);
    const other = await worker();
    expect((await listed(other.client, 'newest')).sort()).toEqual([own, theirs].sort());
    expect((await accept(other.client, own)).statusCode).toBe(201);
  });

  it('refuses the claim of an own project in the claim statement itself', async () => {
    const both = await signUp(app, { roles: ['worker', 'requester'] });
    const { projectId } = await publishedProject(app, { requester: both });
    const now = ctx.clock.now();
    const claim = await createWorkRepository(ctx.database.db).claimNext({
      projectId,
      workerId: both.user.id,
      now,
      deadline: new Date(now.getTime() + 60_000),
      skipLocked: true,
    });
    expect(claim).toEqual({ open: false });
  });
});

describe('accept, submit, return', () => {
  it('accepts the next task and shows it filled, with the deadline', async () => {
    const { projectId } = await publishedProject(app, { project: { timeAllottedSeconds: 600 } });
    const w = await worker();
    const res = await accept(w.client, projectId);
    expect(res.statusCode).toBe(201);
    const a = res.json();
    expect(a).toMatchObject({
      projectId,
      status: 'accepted',
      rewardCents: 10,
      workerId: w.user.id,
    });
    expect(Date.parse(a.deadline) - Date.parse(a.acceptedAt)).toBe(600_000);
    expect(a.template.items[0].text).toBe('Is **word0** an animal?');
  });

  it('submits valid answers, is idempotent with the same answers, and refuses different ones', async () => {
    const { projectId } = await publishedProject(app);
    const w = await worker();
    const a = (await accept(w.client, projectId)).json();
    const first = await w.client.post(`/api/v1/assignments/${a.id}/submit`, {
      answers: GOOD_ANSWERS,
    });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ status: 'submitted', answers: GOOD_ANSWERS });
    const retry = await w.client.post(`/api/v1/assignments/${a.id}/submit`, {
      answers: { note: 'fine', animal: 'yes' },
    });
    expect(retry.statusCode).toBe(200);
    expect(retry.json().submittedAt).toBe(first.json().submittedAt);
    const other = await w.client.post(`/api/v1/assignments/${a.id}/submit`, {
      answers: { animal: 'no' },
    });
    expect(other.statusCode).toBe(409);
    expect(other.json().error.code).toBe('already_submitted');
  });

  it('refuses answers nested past the depth limit on submit and resubmit, storing nothing', async () => {
    const { projectId } = await publishedProject(app);
    const w = await worker();
    const deep = '['.repeat(10_000) + ']'.repeat(10_000);
    const submitDeep = (id: string) =>
      w.client.request(
        'POST',
        `/api/v1/assignments/${id}/submit`,
        `{"answers":{"animal":"yes","note":${deep}}}`,
        { 'content-type': 'application/json' },
      );
    const expectDepthRefusal = (res: Awaited<ReturnType<typeof submitDeep>>) => {
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().error.code).toBe('invalid_input');
      expect(res.json().error.message).toContain(`${LIMITS.jsonDepthMax} levels`);
    };

    const open = (await accept(w.client, projectId)).json();
    expectDepthRefusal(await submitDeep(open.id));
    const untouched = (await w.client.get(`/api/v1/assignments/${open.id}`)).json();
    expect(untouched.status).toBe('accepted');
    expect(untouched.answers ?? null).toBeNull();

    const done = (await accept(w.client, projectId)).json();
    await w.client.post(`/api/v1/assignments/${done.id}/submit`, { answers: GOOD_ANSWERS });
    expectDepthRefusal(await submitDeep(done.id));
    const kept = (await w.client.get(`/api/v1/assignments/${done.id}`)).json();
    expect(kept).toMatchObject({ status: 'submitted', answers: GOOD_ANSWERS });
  });

  it('rejects answers that do not match the template, naming the item, and keeps the assignment open', async () => {
    const { projectId } = await publishedProject(app);
    const w = await worker();
    const a = (await accept(w.client, projectId)).json();
    const missing = await w.client.post(`/api/v1/assignments/${a.id}/submit`, {
      answers: { note: 'x' },
    });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.message).toContain('animal');
    const badChoice = await w.client.post(`/api/v1/assignments/${a.id}/submit`, {
      answers: { animal: 'maybe' },
    });
    expect(badChoice.statusCode).toBe(400);
    const tooLong = await w.client.post(`/api/v1/assignments/${a.id}/submit`, {
      answers: { animal: 'yes', note: 'x'.repeat(21) },
    });
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.json().error.message).toContain('note');
    expect((await w.client.get(`/api/v1/assignments/${a.id}`)).json().status).toBe('accepted');
  });

  it('returns a task to the pool and refuses a submit after return', async () => {
    const { projectId } = await publishedProject(app, { tasks: 1 });
    const w1 = await worker();
    const w2 = await worker();
    const a = (await accept(w1.client, projectId)).json();
    expect((await accept(w2.client, projectId)).statusCode).toBe(409);
    const returned = await w1.client.post(`/api/v1/assignments/${a.id}/return`);
    expect(returned.json().status).toBe('returned');
    const late = await w1.client.post(`/api/v1/assignments/${a.id}/submit`, {
      answers: GOOD_ANSWERS,
    });
    expect(late.statusCode).toBe(409);
    expect(late.json().error.code).toBe('returned');
    expect((await accept(w2.client, projectId)).statusCode).toBe(201);
  });

  it('expires work past its deadline everywhere at once, and frees the slot before any sweep', async () => {
    const { projectId } = await publishedProject(app, {
      tasks: 1,
      project: { timeAllottedSeconds: 60 },
    });
    const w1 = await worker();
    const w2 = await worker();
    const a = (await accept(w1.client, projectId)).json();
    ctx.clock.advance(61_000);
    try {
      expect((await w1.client.get(`/api/v1/assignments/${a.id}`)).json().status).toBe('expired');
      const late = await w1.client.post(`/api/v1/assignments/${a.id}/submit`, {
        answers: GOOD_ANSWERS,
      });
      expect(late.statusCode).toBe(409);
      expect(late.json().error.code).toBe('expired');
      expect(
        (await w1.client.get('/api/v1/me/assignments?status=expired'))
          .json()
          .items.map((x: { id: string }) => x.id),
      ).toContain(a.id);
      const taken = await accept(w2.client, projectId);
      expect(taken.statusCode).toBe(201);
      const row = await ctx.database.db
        .selectFrom('assignments')
        .select('status')
        .where('id', '=', a.id)
        .executeTakeFirstOrThrow();
      expect(row.status).toBe('expired');
    } finally {
      ctx.clock.advance(-61_000);
    }
  });

  it('refuses accepting in paused, cancelled and expired projects with a reason', async () => {
    const { requester, projectId } = await publishedProject(app);
    const w = await worker();
    await requester.client.post(`/api/v1/projects/${projectId}/pause`);
    const paused = await accept(w.client, projectId);
    expect(paused.statusCode).toBe(409);
    expect(paused.json().error.message).toContain('paused');
    await requester.client.post(`/api/v1/projects/${projectId}/cancel`);
    expect((await accept(w.client, projectId)).json().error.message).toContain('cancelled');
    const other = await publishedProject(app, {
      project: { expiresAt: new Date(ctx.clock.now().getTime() + 3_600_000).toISOString() },
    });
    ctx.clock.advance(3_601_000);
    try {
      expect((await accept(w.client, other.projectId)).json().error.code).toBe(
        'project_not_available',
      );
    } finally {
      ctx.clock.advance(-3_601_000);
    }
  });

  it("never shows or lets anyone touch another worker's assignment", async () => {
    const { requester, projectId } = await publishedProject(app);
    const w1 = await worker();
    const w2 = await worker();
    const a = (await accept(w1.client, projectId)).json();
    for (const client of [w2.client]) {
      expect((await client.get(`/api/v1/assignments/${a.id}`)).statusCode).toBe(404);
      expect(
        (await client.post(`/api/v1/assignments/${a.id}/submit`, { answers: GOOD_ANSWERS }))
          .statusCode,
      ).toBe(404);
      expect((await client.post(`/api/v1/assignments/${a.id}/return`)).statusCode).toBe(404);
      expect((await client.get(`/api/v1/assignments/${a.id}/frame`)).statusCode).toBe(404);
    }
    // The project's requester may read it (to review it); any other requester may not know it exists.
    expect((await requester.client.get(`/api/v1/assignments/${a.id}`)).statusCode).toBe(200);
    const stranger = await signUp(app, { roles: ['requester'] });
    expect((await stranger.client.get(`/api/v1/assignments/${a.id}`)).statusCode).toBe(404);
    expect((await new Client(app).get(`/api/v1/assignments/${a.id}`)).statusCode).toBe(401);
    expect((await w2.client.get('/api/v1/me/assignments')).json().items).toEqual([]);
  });
});

describe('my work', () => {
  it('lists my assignments by status with totals of pending and approved pay', async () => {
    const { projectId } = await publishedProject(app, { tasks: 3 });
    const w = await worker();
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await accept(w.client, projectId)).json().id);
    await w.client.post(`/api/v1/assignments/${ids[0]}/submit`, { answers: GOOD_ANSWERS });
    await w.client.post(`/api/v1/assignments/${ids[1]}/return`);
    const all = (await w.client.get('/api/v1/me/assignments')).json();
    expect(all.items).toHaveLength(3);
    expect(all.totals).toMatchObject({
      pendingCents: 10,
      approvedCents: 0,
      counts: { submitted: 1, returned: 1, accepted: 1 },
    });
    const inProgress = (await w.client.get('/api/v1/me/assignments?status=accepted')).json();
    expect(inProgress.items.map((x: { id: string }) => x.id)).toEqual([ids[2]]);
    const paged = (await w.client.get('/api/v1/me/assignments?limit=2')).json();
    expect(paged.items).toHaveLength(2);
    const rest = (
      await w.client.get(`/api/v1/me/assignments?limit=2&cursor=${paged.nextCursor}`)
    ).json();
    expect(rest.items).toHaveLength(1);
  });
});

describe('html templates', () => {
  it('serves the filled task in a sandbox with an opaque origin', async () => {
    const { projectId } = await publishedProject(app, {
      project: { template: { kind: 'html', html: '<p>${word}</p><input name="answer">' } },
    });
    const w = await worker();
    const a = (await accept(w.client, projectId)).json();
    expect(a.template).toMatchObject({
      kind: 'html',
      frameUrl: `/api/v1/assignments/${a.id}/frame`,
    });
    const frame = await w.client.get(`/api/v1/assignments/${a.id}/frame`);
    expect(frame.statusCode).toBe(200);
    expect(frame.headers['content-security-policy']).toContain('sandbox allow-scripts allow-forms');
    expect(frame.headers['content-security-policy']).not.toContain('allow-same-origin');
    expect(frame.body).toContain('<p>word0</p>');
    expect(frame.body.indexOf("type: 'tessera:submit'")).toBeGreaterThan(
      frame.body.indexOf('<p>word0</p>'),
    );
    const submitted = await w.client.post(`/api/v1/assignments/${a.id}/submit`, {
      answers: { answer: 'a cat' },
    });
    expect(submitted.statusCode).toBe(200);
    const bad = await w.client.post(`/api/v1/assignments/${a.id}/submit`, {
      answers: { answer: { nested: true } },
    });
    expect(bad.statusCode).toBe(409);
  });
});
