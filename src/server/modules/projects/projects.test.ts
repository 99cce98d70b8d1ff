import { describe, expect, it } from 'vitest';
import { Client, createTestApp, signUp } from '../../../../test/helpers/app.js';
import {
  createProject,
  FORM_TEMPLATE,
  SAMPLE_CSV,
  signUpRequester,
  uploadCsv,
} from '../../../../test/helpers/projects.js';

const ctx = await createTestApp();
const { app } = ctx;
const DAY = 24 * 3600 * 1000;

async function projectCount() {
  const row = await ctx.database.db
    .selectFrom('projects')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

async function tokenClient(owner: Client, scopes: string[]) {
  const res = await owner.post('/api/v1/me/tokens', { name: 'script', scopes });
  const client = new Client(app);
  client.bearer = res.json().token;
  return client;
}

describe('creating a project', () => {
  it('creates a draft with the documented defaults', async () => {
    const { client, user } = await signUpRequester(app);
    const res = await client.post('/api/v1/projects', { title: '  Label birds ', rewardCents: 5 });
    expect(res.statusCode).toBe(201);
    const project = res.json();
    expect(project).toMatchObject({
      ownerId: user.id,
      title: 'Label birds',
      description: '',
      keywords: [],
      instructions: '',
      status: 'draft',
      rewardCents: 5,
      assignmentsPerTask: 1,
      timeAllottedSeconds: 3600,
      autoApproveSeconds: 259200,
      template: { kind: 'form', items: [] },
      qualificationRequirements: [],
      progress: {
        tasks: 0,
        assignmentsSubmitted: 0,
        assignmentsApproved: 0,
        assignmentsOutstanding: 0,
      },
      publishedAt: null,
      cancelledAt: null,
    });
    expect(Date.parse(project.expiresAt) - ctx.clock.now().getTime()).toBe(30 * DAY);
    expect((await client.get(`/api/v1/projects/${project.id}`)).json()).toEqual(project);
  });

  it('keeps every setting, and stores a system qualification by its id', async () => {
    const { client } = await signUpRequester(app);
    const expiresAt = new Date(ctx.clock.now().getTime() + 10 * DAY).toISOString();
    const project = await createProject(client, {
      keywords: ['birds', 'images'],
      instructions: '## Read carefully',
      rewardCents: 120,
      assignmentsPerTask: 3,
      timeAllottedSeconds: 30,
      autoApproveSeconds: 0,
      expiresAt,
      template: { kind: 'html', html: '<p>${title}</p><input name="answer">' },
      qualificationRequirements: [
        {
          qualificationTypeId: 'system.approval_rate',
          comparator: 'GreaterThanOrEqualTo',
          integerValues: [95],
        },
        { qualificationTypeId: 'system.country', comparator: 'In', localeValues: ['DE', 'FR'] },
      ],
    });
    expect(project).toMatchObject({
      keywords: ['birds', 'images'],
      instructions: '## Read carefully',
      rewardCents: 120,
      assignmentsPerTask: 3,
      timeAllottedSeconds: 30,
      autoApproveSeconds: 0,
      expiresAt,
      template: { kind: 'html', html: '<p>${title}</p><input name="answer">' },
      qualificationRequirements: [
        {
          qualificationTypeId: '00000000-0000-4000-8000-000000000001',
          comparator: 'GreaterThanOrEqualTo',
          integerValues: [95],
        },
        {
          qualificationTypeId: '00000000-0000-4000-8000-000000000003',
          comparator: 'In',
          localeValues: ['DE', 'FR'],
        },
      ],
    });
  });

  it.each([
    [{ rewardCents: 0 }, 'body.rewardCents'],
    [{ rewardCents: -5 }, 'body.rewardCents'],
    [{ rewardCents: 2.5 }, 'body.rewardCents'],
    [{ rewardCents: 100_001 }, 'body.rewardCents'],
    [{ rewardCents: '25' }, 'body.rewardCents'],
    [{ assignmentsPerTask: 0 }, 'body.assignmentsPerTask'],
    [{ assignmentsPerTask: 101 }, 'body.assignmentsPerTask'],
    [{ timeAllottedSeconds: 29 }, 'body.timeAllottedSeconds'],
    [{ timeAllottedSeconds: 604_801 }, 'body.timeAllottedSeconds'],
    [{ autoApproveSeconds: -1 }, 'body.autoApproveSeconds'],
    [{ autoApproveSeconds: 30 * 86_400 + 1 }, 'body.autoApproveSeconds'],
    [{ expiresAt: 'tomorrow' }, 'body.expiresAt'],
    [{ title: '' }, 'body.title'],
    [{ title: 'x'.repeat(201) }, 'body.title'],
    [{ keywords: Array.from({ length: 21 }, (_, i) => `k${i}`) }, 'body.keywords'],
    [
      { template: { kind: 'form', items: [{ type: 'text', name: 'a b' }] } },
      'body.template.items.0.name',
    ],
    [
      { template: { kind: 'form', items: [{ type: 'rating', name: 'r', max: 20 }] } },
      'body.template.items.0.max',
    ],
    [
      { template: { kind: 'form', items: [{ type: 'dropdown', name: 'd', options: [] }] } },
      'body.template.items.0.options',
    ],
    [{ template: { kind: 'html', html: '' } }, 'body.template.html'],
    [
      {
        qualificationRequirements: [
          { qualificationTypeId: 'system.country', comparator: 'Between' },
        ],
      },
      'body.qualificationRequirements.0.comparator',
    ],
    [{ owner: 'someone' }, 'body'],
  ])('refuses %j with 400 naming %s, writing nothing', async (patch, path) => {
    const { client } = await signUpRequester(app);
    const before = await projectCount();
    const res = await client.post('/api/v1/projects', { title: 'T', rewardCents: 10, ...patch });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('invalid_input');
    expect(res.json().error.details.map((d: { path: string }) => d.path)).toContain(path);
    expect(await projectCount()).toBe(before);
  });

  it('refuses an expiry in the past or more than a year ahead', async () => {
    const { client } = await signUpRequester(app);
    for (const expiresAt of [
      new Date(ctx.clock.now().getTime() - 1000),
      new Date(ctx.clock.now().getTime() + 366 * DAY),
    ]) {
      const res = await client.post('/api/v1/projects', {
        title: 'T',
        rewardCents: 10,
        expiresAt: expiresAt.toISOString(),
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.details).toEqual([
        { path: 'body.expiresAt', message: expect.any(String) },
      ]);
    }
  });

  it("refuses a qualification type that is not the requester's own", async () => {
    const other = await signUpRequester(app);
    const type = (
      await other.client.post('/api/v1/qualification-types', { name: 'Trusted' })
    ).json();
    const { client } = await signUpRequester(app);
    const res = await client.post('/api/v1/projects', {
      title: 'T',
      rewardCents: 10,
      qualificationRequirements: [{ qualificationTypeId: type.id, comparator: 'Exists' }],
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0].path).toBe(
      'body.qualificationRequirements.0.qualificationTypeId',
    );
    const own = await other.client.post('/api/v1/projects', {
      title: 'T',
      rewardCents: 10,
      qualificationRequirements: [{ qualificationTypeId: type.id, comparator: 'Exists' }],
    });
    expect(own.statusCode).toBe(201);
  });

  it('needs the requester role, a session or a token with the right scope', async () => {
    const { client: worker } = await signUp(app, { roles: ['worker'] });
    const res = await worker.post('/api/v1/projects', { title: 'T', rewardCents: 10 });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('role_required');
    expect((await worker.get('/api/v1/projects')).statusCode).toBe(403);

    expect(
      (await new Client(app).post('/api/v1/projects', { title: 'T', rewardCents: 10 })).statusCode,
    ).toBe(401);
    expect((await new Client(app).get('/api/v1/projects')).statusCode).toBe(401);

    const { client } = await signUpRequester(app);
    const reader = await tokenClient(client, ['projects:read']);
    const denied = await reader.post('/api/v1/projects', { title: 'T', rewardCents: 10 });
    expect(denied.statusCode).toBe(403);
    expect(denied.json().error.code).toBe('insufficient_scope');
    expect((await reader.get('/api/v1/projects')).statusCode).toBe(200);
    const writer = await tokenClient(client, ['projects:write']);
    expect(
      (await writer.post('/api/v1/projects', { title: 'T', rewardCents: 10 })).statusCode,
    ).toBe(201);
  });

  it('needs the CSRF header on cookie-authenticated mutations', async () => {
    const { client } = await signUpRequester(app);
    client.sendCsrf = false;
    const res = await client.post('/api/v1/projects', { title: 'T', rewardCents: 10 });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('csrf_failed');
  });
});

describe('listing and reading projects', () => {
  it('lists only my projects, newest first, by page and by status', async () => {
    const { client } = await signUpRequester(app);
    const other = await signUpRequester(app);
    await createProject(other.client);
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await createProject(client, { title: `P${i}` })).id);
    await client.post(`/api/v1/projects/${ids[0]}/cancel`);

    const first = (await client.get('/api/v1/projects?limit=2')).json();
    expect(first.items.map((p: { id: string }) => p.id)).toEqual([ids[2], ids[1]]);
    const second = (await client.get(`/api/v1/projects?limit=2&cursor=${first.nextCursor}`)).json();
    expect(second).toMatchObject({
      items: [{ id: ids[0], status: 'cancelled' }],
      nextCursor: null,
    });

    const drafts = (await client.get('/api/v1/projects?status=draft')).json();
    expect(drafts.items.map((p: { id: string }) => p.id)).toEqual([ids[2], ids[1]]);
    expect((await client.get('/api/v1/projects?status=weird')).statusCode).toBe(400);
    expect((await client.get('/api/v1/projects?cursor=garbage')).statusCode).toBe(400);
  });

  it("answers 404 for another requester's project and for unknown ids, 400 for malformed ones", async () => {
    const owner = await signUpRequester(app);
    const project = await createProject(owner.client);
    const { client } = await signUpRequester(app);
    for (const res of [
      await client.get(`/api/v1/projects/${project.id}`),
      await client.patch(`/api/v1/projects/${project.id}`, { title: 'Mine now' }),
      await client.get('/api/v1/projects/00000000-0000-4000-8000-00000000abcd'),
    ]) {
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe('not_found');
    }
    expect((await client.get('/api/v1/projects/not-an-id')).statusCode).toBe(400);
    expect((await owner.client.get(`/api/v1/projects/${project.id}`)).json().title).toBe(
      'Caption photos',
    );
  });
});

describe('editing a project', () => {
  it('lets a draft change everything, and its tasks follow the reward and slots', async () => {
    const { client } = await signUpRequester(app);
    const project = await createProject(client);
    expect((await uploadCsv(client, project.id, SAMPLE_CSV)).statusCode).toBe(201);
    const res = await client.patch(`/api/v1/projects/${project.id}`, {
      title: 'Renamed',
      rewardCents: 40,
      assignmentsPerTask: 5,
      timeAllottedSeconds: 600,
      autoApproveSeconds: 3600,
      template: { kind: 'html', html: '<b>${title}</b>' },
      qualificationRequirements: [
        {
          qualificationTypeId: 'system.approved_count',
          comparator: 'GreaterThan',
          integerValues: [10],
        },
      ],
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      title: 'Renamed',
      rewardCents: 40,
      assignmentsPerTask: 5,
      template: { kind: 'html' },
    });
    const tasks = (await client.get(`/api/v1/projects/${project.id}/tasks`)).json().items;
    expect(tasks.map((t: { rewardCents: number }) => t.rewardCents)).toEqual([40, 40]);
    const stored = await ctx.database.db
      .selectFrom('tasks')
      .select('assignments_per_task')
      .where('project_id', '=', project.id)
      .execute();
    expect(stored.map((t) => t.assignments_per_task)).toEqual([5, 5]);
  });

  it('refuses bad values with 400 and changes nothing', async () => {
    const { client } = await signUpRequester(app);
    const project = await createProject(client);
    for (const body of [
      { rewardCents: 0 },
      { title: '' },
      { template: { kind: 'form', items: [{ type: 'nope', name: 'x' }] } },
      { status: 'published' },
    ]) {
      expect((await client.patch(`/api/v1/projects/${project.id}`, body)).statusCode).toBe(400);
    }
    expect((await client.get(`/api/v1/projects/${project.id}`)).json()).toMatchObject({
      rewardCents: 25,
      title: 'Caption photos',
      status: 'draft',
    });
  });

  it('lets a published project change only its texts and extend its expiry', async () => {
    const { client } = await signUpRequester(app);
    const project = await createProject(client);
    await uploadCsv(client, project.id, SAMPLE_CSV);
    await client.post('/api/v1/me/deposits', { amountCents: 10_000 });
    expect((await client.post(`/api/v1/projects/${project.id}/publish`)).statusCode).toBe(200);

    const later = new Date(Date.parse(project.expiresAt) + DAY).toISOString();
    const ok = await client.patch(`/api/v1/projects/${project.id}`, {
      title: 'New title',
      description: 'New description',
      instructions: 'New instructions',
      keywords: ['new'],
      expiresAt: later,
      // Unchanged values of locked fields are fine: a form may send everything back.
      rewardCents: 25,
      template: JSON.parse(JSON.stringify(FORM_TEMPLATE)),
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ title: 'New title', expiresAt: later, status: 'published' });

    for (const [body, field] of [
      [{ rewardCents: 30 }, 'rewardCents'],
      [{ assignmentsPerTask: 1 }, 'assignmentsPerTask'],
      [{ timeAllottedSeconds: 60 }, 'timeAllottedSeconds'],
      [{ autoApproveSeconds: 60 }, 'autoApproveSeconds'],
      [{ template: { kind: 'html', html: '<p>x</p>' } }, 'template'],
      [
        {
          qualificationRequirements: [
            { qualificationTypeId: 'system.country', comparator: 'Exists' },
          ],
        },
        'qualificationRequirements',
      ],
      [{ title: 'Fine', expiresAt: project.expiresAt }, 'expiresAt'],
    ] as const) {
      const res = await client.patch(`/api/v1/projects/${project.id}`, body);
      expect(res.statusCode).toBe(409);
      expect(res.json().error).toMatchObject({ code: 'not_editable', details: { field } });
      expect(res.json().error.message).toContain(field);
    }
    expect((await client.get(`/api/v1/projects/${project.id}`)).json()).toMatchObject({
      title: 'New title',
      rewardCents: 25,
      expiresAt: later,
    });
  });

  it('refuses any edit of a cancelled project', async () => {
    const { client } = await signUpRequester(app);
    const project = await createProject(client);
    await client.post(`/api/v1/projects/${project.id}/cancel`);
    const res = await client.patch(`/api/v1/projects/${project.id}`, { title: 'Again' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({
      code: 'invalid_state',
      details: { status: 'cancelled' },
    });
  });
});
