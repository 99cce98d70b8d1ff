import { describe, expect, it } from 'vitest';
import { createTestApp, signUp, type Client } from '../../../../test/helpers/app.js';
import { accept, submit, type Worker } from '../../../../test/helpers/review.js';
import { signUpRequester } from '../../../../test/helpers/projects.js';
import { publishedProject } from '../../../../test/helpers/work.js';

const ctx = await createTestApp();
const { app, clock } = ctx;

type Requester = Awaited<ReturnType<typeof signUpRequester>>;

/** An approved assignment between the requester and the worker, which ratings need. */
async function decidedWork(requester: Requester, worker: Worker) {
  const { projectId } = await publishedProject(app, { requester, tasks: 1 });
  const id = await accept(worker, projectId);
  clock.advance(60_000);
  await submit(worker, id);
  const approved = await requester.client.post(`/api/v1/assignments/${id}/approve`);
  expect(approved.statusCode, approved.body).toBe(200);
  return id;
}

async function rate(
  from: { client: Client },
  userId: string,
  value: -1 | 0 | 1,
  assignmentId: string,
) {
  const res = await from.client.put(`/api/v1/ratings/${userId}`, { value, assignmentId });
  expect(res.statusCode, res.body).toBe(200);
}

async function feedTitles(worker: Worker, query: string) {
  const res = await worker.client.get(`/api/v1/feed?${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ items: { title: string }[] }>().items.map((i) => i.title);
}

const tryAccept = (worker: Worker, projectId: string) =>
  worker.client.post(`/api/v1/projects/${projectId}/assignments`);

describe('a worker’s ratings order their feed', () => {
  it('ranks projects of requesters they rated up first and rated down last, in every order', async () => {
    const marker = `boomerang${Date.now()}`;
    const [liked, plain, disliked] = [
      await signUpRequester(app),
      await signUpRequester(app),
      await signUpRequester(app),
    ];
    const worker = await signUp(app, { roles: ['worker'] });
    await rate(worker, liked.user.id, 1, await decidedWork(liked, worker));
    await rate(worker, disliked.user.id, -1, await decidedWork(disliked, worker));
    // Published disliked first... liked last, and the disliked one pays best and has most tasks.
    const publish = async (
      requester: Requester,
      name: string,
      rewardCents: number,
      tasks: number,
    ) => {
      clock.advance(1000);
      await publishedProject(app, {
        requester,
        rewardCents,
        tasks,
        project: { title: `${marker} ${name}` },
      });
    };
    // Two in the last tier, so paging through it needs to know how many came before it.
    await publish(disliked, 'disliked old', 40, 4);
    await publish(plain, 'plain old', 10, 2);
    // Ties with "plain old" on tasks, so newer goes first: three in the middle tier, for paging.
    await publish(plain, 'plain middle', 15, 2);
    await publish(disliked, 'disliked', 50, 5);
    await publish(plain, 'plain new', 20, 3);
    await publish(liked, 'liked', 5, 1);

    const expected = [
      `${marker} liked`,
      `${marker} plain new`,
      `${marker} plain middle`,
      `${marker} plain old`,
      `${marker} disliked`,
      `${marker} disliked old`,
    ];
    expect(await feedTitles(worker, `q=${marker}&sort=newest`)).toEqual(expected);
    expect(await feedTitles(worker, `q=${marker}&sort=reward`)).toEqual(expected);
    expect(await feedTitles(worker, `q=${marker}&sort=available`)).toEqual(expected);
    // One at a time, in every order, each page takes up where the last ended across the tiers.
    for (const sort of ['newest', 'reward', 'available', 'hourly']) {
      const paged: string[] = [];
      let cursor = '';
      do {
        const res = await worker.client.get(
          `/api/v1/feed?q=${marker}&sort=${sort}&limit=1${cursor && `&cursor=${cursor}`}`,
        );
        const page = res.json<{ items: { title: string }[]; nextCursor: string | null }>();
        paged.push(...page.items.map((i) => i.title));
        cursor = page.nextCursor ?? '';
      } while (cursor && paged.length < 10);
      expect(paged, sort).toEqual(await feedTitles(worker, `q=${marker}&sort=${sort}`));
      if (sort !== 'hourly') expect(paged, sort).toEqual(expected);
    }
    // Another worker, who rated nobody, sees plain newest-first.
    const other = await signUp(app, { roles: ['worker'] });
    expect(await feedTitles(other, `q=${marker}`)).toEqual([
      `${marker} liked`,
      `${marker} plain new`,
      `${marker} disliked`,
      `${marker} plain middle`,
      `${marker} plain old`,
      `${marker} disliked old`,
    ]);
  });
});

describe('a requester’s ratings steer their new work', () => {
  it('offers a project first to the workers they rated up, for earlyAccessMinutes', async () => {
    const requester = await signUpRequester(app);
    const [favourite, newcomer, neutral] = [
      await signUp(app, { roles: ['worker'] }),
      await signUp(app, { roles: ['worker'] }),
      await signUp(app, { roles: ['worker'] }),
    ];
    await rate(requester, favourite.user.id, 1, await decidedWork(requester, favourite));
    await rate(requester, neutral.user.id, 0, await decidedWork(requester, neutral));
    const marker = `early${Date.now()}`;
    const { projectId } = await publishedProject(app, {
      requester,
      tasks: 3,
      project: { title: marker, earlyAccessMinutes: 30 },
    });

    expect(await feedTitles(favourite, `q=${marker}`)).toEqual([marker]);
    expect(await feedTitles(newcomer, `q=${marker}`)).toEqual([]);
    expect(await feedTitles(neutral, `q=${marker}`)).toEqual([]);
    const early = await tryAccept(newcomer, projectId);
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe('early_access');
    expect(early.json().error.message).toContain('open only to workers its requester rated up');
    expect((await tryAccept(favourite, projectId)).statusCode).toBe(201);

    // The window is measured from publishing, on the server's clock.
    clock.advance(29 * 60_000);
    expect((await tryAccept(neutral, projectId)).statusCode).toBe(409);
    clock.advance(60_000);
    expect(await feedTitles(newcomer, `q=${marker}`)).toEqual([marker]);
    expect((await tryAccept(newcomer, projectId)).statusCode).toBe(201);
    expect((await tryAccept(neutral, projectId)).statusCode).toBe(201);
  });

  it('never offers work to workers they rated down, unless the project includes them', async () => {
    const requester = await signUpRequester(app);
    const worker = await signUp(app, { roles: ['worker'] });
    await rate(requester, worker.user.id, -1, await decidedWork(requester, worker));
    const marker = `downrated${Date.now()}`;
    const { projectId } = await publishedProject(app, {
      requester,
      tasks: 2,
      project: { title: marker },
    });
    expect(await feedTitles(worker, `q=${marker}`)).toEqual([]);
    // Its preview gives the same reason as accepting.
    const preview = await worker.client.get(`/api/v1/feed/${projectId}`);
    expect(preview.statusCode).toBe(403);
    expect(preview.json().error.code).toBe('rated_down');
    const refused = await tryAccept(worker, projectId);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error).toMatchObject({
      code: 'rated_down',
      message: 'This requester does not offer this project to workers they rated down.',
    });
    const held = await ctx.database.db
      .selectFrom('assignments')
      .select('id')
      .where('project_id', '=', projectId)
      .execute();
    expect(held).toEqual([]);

    // The requester opts in on the live project: the worker is offered it again.
    const optIn = await requester.client.patch(`/api/v1/projects/${projectId}`, {
      includeRatedDown: true,
    });
    expect(optIn.statusCode, optIn.body).toBe(200);
    expect(optIn.json()).toMatchObject({ includeRatedDown: true, earlyAccessMinutes: 0 });
    expect(await feedTitles(worker, `q=${marker}`)).toEqual([marker]);
    expect((await tryAccept(worker, projectId)).statusCode).toBe(201);
  });

  it('refuses project settings out of range, naming the field', async () => {
    const requester = await signUpRequester(app);
    const res = await requester.client.post('/api/v1/projects', {
      title: 'Too early',
      rewardCents: 10,
      earlyAccessMinutes: -5,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details).toEqual([
      { path: 'body.earlyAccessMinutes', message: 'must not be negative' },
    ]);
  });
});
