import { describe, expect, it } from 'vitest';
import type { Client } from '../../../../test/helpers/app.js';
import { createTestApp, signUp } from '../../../../test/helpers/app.js';
import { GOOD_ANSWERS, publishedProject } from '../../../../test/helpers/work.js';
import {
  createTypeWithTest,
  FAILING_ANSWERS,
  PASSING_ANSWERS,
  SAMPLE_TEST,
  startAttempt,
} from '../../../../test/helpers/qualification-tests.js';

const ctx = await createTestApp();
const { app } = ctx;
const TYPES = '/api/v1/qualification-types';
const ATTEMPTS = '/api/v1/test-attempts';

const requester = () => signUp(app, { roles: ['requester'] });
const worker = () => signUp(app, { roles: ['worker'] });

/** Nothing a worker receives may carry the key or its points. */
function expectNoKey(body: string) {
  expect(body).not.toMatch(/answerKey|answer_key|points/i);
}

async function heldValue(owner: Client, typeId: string, workerId: string) {
  const res = await owner.get(`${TYPES}/${typeId}/workers?limit=100`);
  expect(res.statusCode, res.body).toBe(200);
  const holder = res
    .json<{ items: { workerId: string; value: number }[] }>()
    .items.find((h) => h.workerId === workerId);
  return holder?.value ?? null;
}

async function attemptRows(typeId: string) {
  return ctx.database.db
    .selectFrom('qualification_test_attempts')
    .select(['status', 'score', 'passed'])
    .where('type_id', '=', typeId)
    .execute();
}

describe('defining a test', () => {
  it('creates a type with a test, which its owner reads back with the key', async () => {
    const { client } = await requester();
    const created = await client.post(TYPES, { name: 'Geography', test: SAMPLE_TEST });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({
      name: 'Geography',
      hasTest: true,
      test: {
        answerKey: SAMPLE_TEST.answerKey,
        passingScore: 3,
        maxScore: 4,
        testDurationSeconds: 600,
        retryDelaySeconds: 3600,
      },
    });
    const id = created.json<{ id: string }>().id;
    expect((await client.get(`${TYPES}/${id}`)).json()).toEqual(created.json());
    const listed = (await client.get(`${TYPES}?owner=me`)).json<{ items: { id: string }[] }>();
    expect(listed.items.find((t) => t.id === id)).toMatchObject({ hasTest: true });
    expect(listed.items.find((t) => t.id === id)).not.toHaveProperty('test');

    const plain = await client.post(TYPES, { name: 'No test' });
    expect(plain.json()).toMatchObject({ hasTest: false, test: null });
  });

  it('refuses a key that does not fit, a test without a key and an unreachable score', async () => {
    const { client } = await requester();
    const before = await ctx.database.db
      .selectFrom('qualification_types')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const cases: [Record<string, unknown>, string, string][] = [
      [
        { answerKey: { ...SAMPLE_TEST.answerKey, capital: { value: 'rome', points: 2 } } },
        'body.test.answerKey.capital.value',
        '"rome" is not one of the options',
      ],
      [
        { answerKey: {} },
        'body.test.answerKey',
        'must give the right answer to at least one question',
      ],
      [
        { answerKey: { nope: { value: 'x' } }, passingScore: 1 },
        'body.test.answerKey.nope',
        'is not an item of the test',
      ],
      [
        { passingScore: 5 },
        'body.test.passingScore',
        'must be at most the total points of the key (4)',
      ],
      [{ passingScore: -1 }, 'body.test.passingScore', 'must not be negative'],
    ];
    for (const [change, path, message] of cases) {
      const res = await client.post(TYPES, { name: 'Bad', test: { ...SAMPLE_TEST, ...change } });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().error.details).toContainEqual({ path, message });
      expect(res.json().error.message).toContain(path.replace('body.', ''));
    }
    const { answerKey: _omitted, ...withoutKey } = SAMPLE_TEST;
    const noKey = await client.post(TYPES, { name: 'Bad', test: withoutKey });
    expect(noKey.statusCode).toBe(400);
    expect(noKey.json().error.details).toContainEqual({
      path: 'body.test.answerKey',
      message: expect.any(String),
    });
    const after = await ctx.database.db
      .selectFrom('qualification_types')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('adds, replaces and removes a test with PATCH; a bad one changes nothing', async () => {
    const { client } = await requester();
    const id = (await client.post(TYPES, { name: 'Later' })).json<{ id: string }>().id;
    const added = await client.patch(`${TYPES}/${id}`, { test: SAMPLE_TEST });
    expect(added.statusCode, added.body).toBe(200);
    expect(added.json()).toMatchObject({ hasTest: true, test: { maxScore: 4 } });

    const bad = await client.patch(`${TYPES}/${id}`, {
      name: 'Renamed',
      test: { ...SAMPLE_TEST, passingScore: 99 },
    });
    expect(bad.statusCode).toBe(400);
    expect((await client.get(`${TYPES}/${id}`)).json()).toMatchObject({
      name: 'Later',
      test: { passingScore: 3 },
    });

    const replaced = await client.patch(`${TYPES}/${id}`, {
      test: { ...SAMPLE_TEST, passingScore: 4, retryDelaySeconds: 0 },
    });
    expect(replaced.json()).toMatchObject({ test: { passingScore: 4, retryDelaySeconds: 0 } });
    const removed = await client.patch(`${TYPES}/${id}`, { test: null });
    expect(removed.json()).toMatchObject({ hasTest: false, test: null });
  });
});

describe('taking a test', () => {
  it('starts with the questions and a deadline, scores a pass at once and grants the score', async () => {
    const owner = await requester();
    const typeId = await createTypeWithTest(owner.client);
    const { client, user } = await worker();

    const summary = await client.get(`${TYPES}/${typeId}/test`);
    expect(summary.statusCode, summary.body).toBe(200);
    expectNoKey(summary.body);
    expect(summary.json()).toMatchObject({
      questionCount: 3,
      maxScore: 4,
      passingScore: 3,
      heldValue: null,
      openAttemptId: null,
      lastResult: null,
      retryAt: null,
    });

    const started = await client.post(`${TYPES}/${typeId}/test-attempts`);
    expect(started.statusCode, started.body).toBe(201);
    expectNoKey(started.body);
    const attempt = started.json();
    expect(attempt).toMatchObject({ qualificationTypeId: typeId, status: 'open', result: null });
    expect(Date.parse(attempt.deadline)).toBe(ctx.clock.now().getTime() + 600_000);
    expect(attempt.template.items.map((i: { name: string }) => i.name)).toEqual([
      'intro',
      'capital',
      'sum',
      'word',
    ]);

    const read = await client.get(`${ATTEMPTS}/${attempt.id}`);
    expectNoKey(read.body);
    expect((await client.get(`${TYPES}/${typeId}/test`)).json().openAttemptId).toBe(attempt.id);

    ctx.clock.advance(30_000);
    const submitted = await client.post(`${ATTEMPTS}/${attempt.id}/submit`, {
      answers: PASSING_ANSWERS,
    });
    expect(submitted.statusCode, submitted.body).toBe(200);
    expectNoKey(submitted.body);
    expect(submitted.json()).toEqual({
      score: 4,
      maxScore: 4,
      passingScore: 3,
      passed: true,
      retryAt: new Date(ctx.clock.now().getTime() + 3_600_000).toISOString(),
    });
    expect(await heldValue(owner.client, typeId, user.id)).toBe(4);

    const after = await client.get(`${ATTEMPTS}/${attempt.id}`);
    expectNoKey(after.body);
    expect(after.json()).toMatchObject({ status: 'submitted', result: { score: 4, passed: true } });
    const again = await client.get(`${TYPES}/${typeId}/test`);
    expectNoKey(again.body);
    expect(again.json()).toMatchObject({
      heldValue: 4,
      openAttemptId: null,
      lastResult: { score: 4, passed: true },
    });
  });

  it('grants nothing on a fail, makes the worker wait out the delay (429), then updates the grant', async () => {
    const owner = await requester();
    const typeId = await createTypeWithTest(owner.client);
    const { client, user } = await worker();

    const first = await startAttempt(client, typeId);
    const failed = await client.post(`${ATTEMPTS}/${first}/submit`, { answers: FAILING_ANSWERS });
    expect(failed.json()).toMatchObject({ score: 1, passed: false });
    expect(await heldValue(owner.client, typeId, user.id)).toBeNull();

    ctx.clock.advance(1_000);
    const early = await client.post(`${TYPES}/${typeId}/test-attempts`);
    expect(early.statusCode).toBe(429);
    expect(early.json().error.code).toBe('test_retry_too_soon');
    expect(early.headers['retry-after']).toBe('3599');

    ctx.clock.advance(3_598_000);
    expect((await client.post(`${TYPES}/${typeId}/test-attempts`)).statusCode).toBe(429);
    ctx.clock.advance(1_000);
    const second = await startAttempt(client, typeId);
    await client.post(`${ATTEMPTS}/${second}/submit`, { answers: PASSING_ANSWERS });
    expect(await heldValue(owner.client, typeId, user.id)).toBe(4);

    // A later pass with a lower score updates the value the worker holds.
    ctx.clock.advance(3_600_000);
    const third = await startAttempt(client, typeId);
    const lower = await client.post(`${ATTEMPTS}/${third}/submit`, {
      answers: { capital: 'paris', sum: 4, word: 'dog' },
    });
    expect(lower.json()).toMatchObject({ score: 3, passed: true });
    expect(await heldValue(owner.client, typeId, user.id)).toBe(3);
  });

  it('lets a worker retry at once when the delay is 0', async () => {
    const owner = await requester();
    const typeId = await createTypeWithTest(owner.client, { retryDelaySeconds: 0 });
    const { client } = await worker();
    const first = await startAttempt(client, typeId);
    await client.post(`${ATTEMPTS}/${first}/submit`, { answers: FAILING_ANSWERS });
    expect((await client.post(`${TYPES}/${typeId}/test-attempts`)).statusCode).toBe(201);
  });

  it('allows one open attempt at a time', async () => {
    const owner = await requester();
    const typeId = await createTypeWithTest(owner.client);
    const { client } = await worker();
    const open = await startAttempt(client, typeId);
    const second = await client.post(`${TYPES}/${typeId}/test-attempts`);
    expect(second.statusCode).toBe(409);
    expect(second.json().error).toMatchObject({
      code: 'test_attempt_open',
      details: { attemptId: open },
    });
  });

  it('refuses a submit after the deadline with 410, grants nothing, and counts the delay from it', async () => {
    const owner = await requester();
    const typeId = await createTypeWithTest(owner.client);
    const { client, user } = await worker();
    const id = await startAttempt(client, typeId);
    ctx.clock.advance(600_000);
    const late = await client.post(`${ATTEMPTS}/${id}/submit`, { answers: PASSING_ANSWERS });
    expect(late.statusCode).toBe(410);
    expect(late.json().error.code).toBe('test_deadline_passed');
    expect(await heldValue(owner.client, typeId, user.id)).toBeNull();
    expect(await attemptRows(typeId)).toEqual([{ status: 'expired', score: null, passed: null }]);
    expect((await client.get(`${ATTEMPTS}/${id}`)).json()).toMatchObject({
      status: 'expired',
      result: null,
    });

    const retry = await client.post(`${TYPES}/${typeId}/test-attempts`);
    expect(retry.statusCode).toBe(429);
    expect(retry.headers['retry-after']).toBe('3600');
  });

  it('checks answers like a task’s: 400 naming the item, and the attempt stays open', async () => {
    const owner = await requester();
    const typeId = await createTypeWithTest(owner.client);
    const { client } = await worker();
    const id = await startAttempt(client, typeId);
    const bad = await client.post(`${ATTEMPTS}/${id}/submit`, {
      answers: { capital: 'rome', extra: 'x' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('invalid_answers');
    expect(bad.json().error.details).toEqual(
      expect.arrayContaining([
        { path: 'body.answers.capital', message: '"rome" is not one of the options' },
        { path: 'body.answers.sum', message: 'is required' },
        { path: 'body.answers.extra', message: 'is not an item of this task' },
      ]),
    );
    expect(await attemptRows(typeId)).toEqual([{ status: 'open', score: null, passed: null }]);
    const good = await client.post(`${ATTEMPTS}/${id}/submit`, { answers: PASSING_ANSWERS });
    expect(good.statusCode).toBe(200);
  });

  it('scores an attempt by the test it was given, even after the test changes', async () => {
    const owner = await requester();
    const typeId = await createTypeWithTest(owner.client);
    const { client } = await worker();
    const id = await startAttempt(client, typeId);
    await owner.client.patch(`${TYPES}/${typeId}`, {
      test: {
        ...SAMPLE_TEST,
        answerKey: { ...SAMPLE_TEST.answerKey, capital: { value: 'lyon', points: 2 } },
      },
    });
    const res = await client.post(`${ATTEMPTS}/${id}/submit`, { answers: PASSING_ANSWERS });
    expect(res.json()).toMatchObject({ score: 4, passed: true });
  });

  it('scores one of two concurrent submits and grants once', async () => {
    const owner = await requester();
    const typeId = await createTypeWithTest(owner.client);
    const { client, user } = await worker();
    const id = await startAttempt(client, typeId);
    const results = await Promise.all([
      client.post(`${ATTEMPTS}/${id}/submit`, { answers: PASSING_ANSWERS }),
      client.post(`${ATTEMPTS}/${id}/submit`, { answers: FAILING_ANSWERS }),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const conflict = results.find((r) => r.statusCode === 409);
    expect(conflict?.json().error.code).toBe('test_attempt_submitted');
    const rows = await attemptRows(typeId);
    expect(rows).toHaveLength(1);
    const scored = results
      .find((r) => r.statusCode === 200)
      ?.json<{ score: number; passed: boolean }>();
    expect(rows[0]).toMatchObject({ status: 'submitted', score: scored?.score });
    expect(await heldValue(owner.client, typeId, user.id)).toBe(scored?.passed ? 4 : null);
  });

  it('has no test for a type without one, nor for a system type', async () => {
    const owner = await requester();
    const plain = (await owner.client.post(TYPES, { name: 'Plain' })).json<{ id: string }>().id;
    const { client } = await worker();
    expect((await client.post(`${TYPES}/${plain}/test-attempts`)).statusCode).toBe(404);
    expect((await client.get(`${TYPES}/${plain}/test`)).statusCode).toBe(404);
    const system = '00000000-0000-4000-8000-000000000001';
    expect((await client.post(`${TYPES}/${system}/test-attempts`)).statusCode).toBe(404);
  });
});

describe('who sees what', () => {
  it('keeps attempts to their worker, and the list of attempts to the owner', async () => {
    const owner = await requester();
    const stranger = await requester();
    const typeId = await createTypeWithTest(owner.client);
    const mine = await worker();
    const other = await worker();
    const id = await startAttempt(mine.client, typeId);

    expect((await other.client.get(`${ATTEMPTS}/${id}`)).statusCode).toBe(404);
    const theirs = await other.client.post(`${ATTEMPTS}/${id}/submit`, {
      answers: PASSING_ANSWERS,
    });
    expect(theirs.statusCode).toBe(404);
    expect(await attemptRows(typeId)).toEqual([{ status: 'open', score: null, passed: null }]);
    expect((await owner.client.post(`${TYPES}/${typeId}/test-attempts`)).statusCode).toBe(403);
    expect((await stranger.client.get(`${TYPES}/${typeId}/test-attempts`)).statusCode).toBe(404);
    expect((await mine.client.get(`${TYPES}/${typeId}/test-attempts`)).statusCode).toBe(403);
    // The owner's reads of the type carry the key; a worker cannot make them.
    expect((await mine.client.get(`${TYPES}/${typeId}`)).statusCode).toBe(403);
  });

  it('lists attempts with scores for the owner, newest first, page by page', async () => {
    const owner = await requester();
    const typeId = await createTypeWithTest(owner.client);
    const workers = [await worker(), await worker(), await worker()];
    for (const [i, w] of workers.entries()) {
      ctx.clock.advance(1_000);
      const id = await startAttempt(w.client, typeId);
      if (i < 2) {
        await w.client.post(`${ATTEMPTS}/${id}/submit`, {
          answers: i === 0 ? PASSING_ANSWERS : FAILING_ANSWERS,
        });
      }
    }
    const first = await owner.client.get(`${TYPES}/${typeId}/test-attempts?limit=2`);
    expect(first.statusCode, first.body).toBe(200);
    const page1 = first.json();
    expect(page1.items.map((a: { worker: { id: string } }) => a.worker.id)).toEqual([
      workers[2]?.user.id,
      workers[1]?.user.id,
    ]);
    expect(page1.items[0]).toMatchObject({ status: 'open', score: null, passed: null });
    expect(page1.items[1]).toMatchObject({ status: 'submitted', score: 1, passed: false });
    const second = await owner.client.get(
      `${TYPES}/${typeId}/test-attempts?limit=2&cursor=${page1.nextCursor}`,
    );
    expect(second.json()).toMatchObject({
      items: [
        {
          worker: { id: workers[0]?.user.id },
          score: 4,
          maxScore: 4,
          passingScore: 3,
          passed: true,
        },
      ],
      nextCursor: null,
    });
    ctx.clock.advance(600_000);
    const later = await owner.client.get(`${TYPES}/${typeId}/test-attempts?limit=1`);
    expect(later.json().items[0]).toMatchObject({ status: 'expired' });
  });
});

describe('the feed and the project preview', () => {
  it('offers a project whose only missing requirement is a test, with the test to take', async () => {
    const owner = await requester();
    const typeId = await createTypeWithTest(owner.client, { retryDelaySeconds: 0 }, 'Geography');
    const untested = (await owner.client.post(TYPES, { name: 'Hand-picked' })).json<{
      id: string;
    }>().id;
    const atLeast3 = {
      qualificationTypeId: typeId,
      comparator: 'GreaterThanOrEqualTo',
      integerValues: [3],
    };
    const { projectId } = await publishedProject(app, {
      requester: owner,
      project: { title: 'Tested work', qualificationRequirements: [atLeast3] },
    });
    const both = await publishedProject(app, {
      requester: owner,
      project: {
        title: 'Also hand-picked',
        qualificationRequirements: [
          atLeast3,
          { qualificationTypeId: untested, comparator: 'Exists' },
        ],
      },
    });
    const { client } = await worker();

    const feed = async () =>
      (await client.get('/api/v1/feed?limit=100')).json<{
        items: { projectId: string; testsToTake: unknown[] }[];
      }>().items;
    const offered = await feed();
    expect(offered.find((i) => i.projectId === projectId)?.testsToTake).toEqual([
      { qualificationTypeId: typeId, name: 'Geography' },
    ]);
    expect(offered.find((i) => i.projectId === both.projectId)).toBeUndefined();

    const preview = await client.get(`/api/v1/feed/${projectId}`);
    expect(preview.statusCode).toBe(403);
    expect(preview.json().error).toMatchObject({
      code: 'not_qualified',
      details: { unmet: [{ requirement: { qualificationTypeId: typeId }, testAvailable: true }] },
    });
    const refused = await client.post(`/api/v1/projects/${projectId}/assignments`);
    expect(refused.statusCode).toBe(403);

    const failed = await startAttempt(client, typeId);
    await client.post(`${ATTEMPTS}/${failed}/submit`, { answers: FAILING_ANSWERS });
    expect((await feed()).find((i) => i.projectId === projectId)?.testsToTake).toHaveLength(1);

    const passed = await startAttempt(client, typeId);
    await client.post(`${ATTEMPTS}/${passed}/submit`, { answers: PASSING_ANSWERS });
    expect((await feed()).find((i) => i.projectId === projectId)?.testsToTake).toEqual([]);
    const accepted = await client.post(`/api/v1/projects/${projectId}/assignments`);
    expect(accepted.statusCode, accepted.body).toBe(201);
    const submitted = await client.post(
      `/api/v1/assignments/${accepted.json<{ id: string }>().id}/submit`,
      { answers: GOOD_ANSWERS },
    );
    expect(submitted.statusCode).toBe(200);
  });

  it('does not offer a test for a requirement that the worker not hold the type', async () => {
    const owner = await requester();
    const typeId = await createTypeWithTest(owner.client);
    const { client, user } = await worker();
    await owner.client.put(`${TYPES}/${typeId}/workers/${user.id}`, { value: 1 });
    const { projectId } = await publishedProject(app, {
      requester: owner,
      project: {
        qualificationRequirements: [{ qualificationTypeId: typeId, comparator: 'DoesNotExist' }],
      },
    });
    const items = (await client.get('/api/v1/feed?limit=100')).json<{
      items: { projectId: string }[];
    }>().items;
    expect(items.find((i) => i.projectId === projectId)).toBeUndefined();
    const preview = await client.get(`/api/v1/feed/${projectId}`);
    expect(preview.json().error.details.unmet[0].testAvailable).toBe(false);
  });
});
