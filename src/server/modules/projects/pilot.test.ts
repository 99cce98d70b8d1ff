import { describe, expect, it } from 'vitest';
import { createServices } from '../../app.js';
import { createTestApp, signUp } from '../../../../test/helpers/app.js';
import { ledgerViolations, NO_LEDGER_VIOLATIONS } from '../../../../test/helpers/ledger.js';
import {
  balance,
  createProject,
  deposit,
  signUpRequester,
  uploadCsv,
} from '../../../../test/helpers/projects.js';
import { givePayoutMethod } from '../../../../test/helpers/review.js';
import { GOOD_ANSWERS, SIMPLE_FORM } from '../../../../test/helpers/work.js';

// A 10 % fee: a 10-cent reward escrows 10 + 1 per assignment.
const FEE_PERCENT = 10;
const ctx = await createTestApp({ env: { PLATFORM_FEE_PERCENT: String(FEE_PERCENT) } });
const { app } = ctx;
const db = ctx.database.db;
const services = createServices({ db, clock: ctx.clock, config: ctx.config });
const PER_SLOT = 11;

type Requester = Awaited<ReturnType<typeof signUpRequester>>;

/** A funded draft of `tasks` rows × `slots` assignments at 10 cents. */
async function draft(options: { tasks?: number; slots?: number; funds?: number } = {}) {
  const owner = await signUpRequester(app);
  await deposit(owner.client, options.funds ?? 10_000);
  const project = await createProject(owner.client, {
    template: SIMPLE_FORM,
    rewardCents: 10,
    assignmentsPerTask: options.slots ?? 1,
  });
  const csv = ['word', ...Array.from({ length: options.tasks ?? 10 }, (_, i) => `w${i}`)].join(
    '\n',
  );
  expect((await uploadCsv(owner.client, project.id, csv)).statusCode).toBe(201);
  return { owner, projectId: project.id };
}

async function worker() {
  const w = await signUp(app, { roles: ['worker'] });
  await givePayoutMethod(w.client);
  return w;
}

const accept = (w: { client: Requester['client'] }, projectId: string) =>
  w.client.post(`/api/v1/projects/${projectId}/assignments`);

async function taskWords(assignmentIds: string[]) {
  const rows = await db
    .selectFrom('assignments as a')
    .innerJoin('tasks as t', 't.id', 'a.task_id')
    .select(['t.data'])
    .where('a.id', 'in', assignmentIds)
    .execute();
  return rows.map((r) => r.data.word).sort();
}

async function expectMoneyExact() {
  expect(await ledgerViolations(db, FEE_PERCENT)).toEqual(NO_LEDGER_VIOLATIONS);
}

describe('running a pilot', () => {
  it('escrows and opens only the first tasks, to at most the pilot workers, with feedback', async () => {
    const { owner, projectId } = await draft({ tasks: 10, slots: 2 });
    const res = await owner.client.post(`/api/v1/projects/${projectId}/pilot`, {
      tasks: 2,
      workers: 2,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      status: 'published',
      pilot: { tasks: 2, workers: 2, workersJoined: 0, endedAt: null },
    });
    // 2 tasks × 2 slots × 11 cents, not the whole project's 10 × 2 × 11.
    expect(await balance(owner.client)).toMatchObject({
      availableCents: 10_000 - 4 * PER_SLOT,
      escrowCents: 4 * PER_SLOT,
    });
    const batches = (await owner.client.get(`/api/v1/projects/${projectId}/batches`)).json();
    expect(batches.items[0].escrowCents).toBe(4 * PER_SLOT);
    await expectMoneyExact();

    const [a, b, c] = [await worker(), await worker(), await worker()];
    const feedA = (await a.client.get('/api/v1/feed')).json();
    expect(feedA.items.find((i: { projectId: string }) => i.projectId === projectId)).toMatchObject(
      { tasksAvailable: 2 },
    );
    const taken: string[] = [];
    for (const w of [a, b]) {
      for (let i = 0; i < 2; i++) {
        const r = await accept(w, projectId);
        expect(r.statusCode).toBe(201);
        expect(r.json()).toMatchObject({ pilot: true, pilotFeedback: null });
        taken.push(r.json().id as string);
      }
      // Each worker had both pilot tasks: nothing more for them.
      expect((await accept(w, projectId)).json().error.code).toBe('no_task_available');
    }
    expect(await taskWords(taken)).toEqual(['w0', 'w0', 'w1', 'w1']);
    // The third worker finds the pilot full: not in the feed, refused with the reason.
    const feedC = (await c.client.get('/api/v1/feed')).json();
    expect(feedC.items.map((i: { projectId: string }) => i.projectId)).not.toContain(projectId);
    const refused = await accept(c, projectId);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('pilot_full');
    expect((await c.client.get(`/api/v1/feed/${projectId}`)).statusCode).toBe(409);

    // Feedback with the submission, kept as plain text.
    const feedback = '  The word <b>w0</b> could be a plant; "animal" was unclear.  ';
    const submitted = await a.client.post(`/api/v1/assignments/${taken[0]}/submit`, {
      answers: GOOD_ANSWERS,
      feedback,
    });
    expect(submitted.statusCode).toBe(200);
    expect(submitted.json().pilotFeedback).toBe(feedback.trim());
    expect(
      (
        await b.client.post(`/api/v1/assignments/${taken[2]}/submit`, { answers: GOOD_ANSWERS })
      ).json().pilotFeedback,
    ).toBeNull();

    // The requester reads it beside the answers, in the pilot's list and in review.
    const list = await owner.client.get(`/api/v1/projects/${projectId}/pilot/submissions`);
    expect(list.statusCode).toBe(200);
    const mine = list
      .json()
      .items.find((i: { assignmentId: string }) => i.assignmentId === taken[0]);
    expect(mine).toMatchObject({
      status: 'submitted',
      answers: GOOD_ANSWERS,
      feedback: feedback.trim(),
      taskData: { word: 'w0' },
      workerId: a.user.id,
    });
    expect(list.json().items).toHaveLength(4);
    const review = (
      await owner.client.get(`/api/v1/projects/${projectId}/assignments?status=submitted`)
    ).json();
    expect(review.items.find((i: { id: string }) => i.id === taken[0])).toMatchObject({
      pilot: true,
      pilotFeedback: feedback.trim(),
    });
    expect(
      (await owner.client.get(`/api/v1/projects/${projectId}`)).json().pilot.workersJoined,
    ).toBe(2);
    await expectMoneyExact();
  });

  it('lets the requester change the template, then publish the rest at the exact escrow', async () => {
    const { owner, projectId } = await draft({ tasks: 5, slots: 2 });
    await owner.client.post(`/api/v1/projects/${projectId}/pilot`, { tasks: 1, workers: 1 });
    const pilotWorker = await worker();
    const work = (await accept(pilotWorker, projectId)).json();
    await pilotWorker.client.post(`/api/v1/assignments/${work.id}/submit`, {
      answers: GOOD_ANSWERS,
      feedback: 'Say whether plants count.',
    });
    // Approved pilot work leaves the rest to publish: the project does not complete.
    expect((await owner.client.post(`/api/v1/assignments/${work.id}/approve`, {})).statusCode).toBe(
      200,
    );
    await services.review.settlement.sweep();

    // A new question: a change of shape, which a published project could not make.
    const edited = await owner.client.patch(`/api/v1/projects/${projectId}`, {
      instructions: 'Plants are not animals.',
      template: {
        ...SIMPLE_FORM,
        items: [...SIMPLE_FORM.items, { type: 'text', name: 'why', label: 'Why?', maxLength: 50 }],
      },
    });
    expect(edited.statusCode).toBe(200);
    // Pay terms stay: the pilot escrowed at them.
    const repriced = await owner.client.patch(`/api/v1/projects/${projectId}`, { rewardCents: 20 });
    expect(repriced.statusCode).toBe(409);

    const before = await balance(owner.client);
    const rest = await owner.client.post(`/api/v1/projects/${projectId}/publish`);
    expect(rest.statusCode).toBe(200);
    expect(rest.json()).toMatchObject({ status: 'published', pilot: { tasks: 1 } });
    expect(rest.json().pilot.endedAt).not.toBeNull();
    // The 4 held-back tasks × 2 slots, exactly.
    expect(await balance(owner.client)).toEqual(
      expect.objectContaining({
        availableCents: before.availableCents - 8 * PER_SLOT,
        escrowCents: before.escrowCents + 8 * PER_SLOT,
      }),
    );
    const batches = (await owner.client.get(`/api/v1/projects/${projectId}/batches`)).json();
    expect(batches.items[0].escrowCents).toBe(10 * PER_SLOT);
    await expectMoneyExact();

    // Anyone may now take the rest; the pilot's answer stays, paid, and is not pilot work again.
    const later = await worker();
    const next = await accept(later, projectId);
    expect(next.statusCode).toBe(201);
    expect(next.json()).toMatchObject({ pilot: false });
    const feedback = await later.client.post(`/api/v1/assignments/${next.json().id}/submit`, {
      answers: GOOD_ANSWERS,
      feedback: 'Not asked here.',
    });
    expect(feedback.statusCode).toBe(400);
    expect(feedback.json().error.details).toEqual([
      { path: 'body.feedback', message: 'only pilot work asks for feedback' },
    ]);
    const earnings = (await pilotWorker.client.get('/api/v1/me/earnings')).json();
    expect(earnings.approvedCents + earnings.availableCents).toBeGreaterThanOrEqual(10);
    const results = (
      await owner.client.get(`/api/v1/projects/${projectId}/pilot/submissions`)
    ).json();
    expect(results.items).toMatchObject([{ status: 'approved', answers: GOOD_ANSWERS }]);
    // A second publish is refused: the project is no longer a draft nor a running pilot.
    const again = await owner.client.post(`/api/v1/projects/${projectId}/publish`);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('invalid_state');
    await expectMoneyExact();
  });

  it('holds back a batch uploaded during the pilot until the rest is published', async () => {
    const { owner, projectId } = await draft({ tasks: 2, slots: 1 });
    await owner.client.post(`/api/v1/projects/${projectId}/pilot`, { tasks: 1, workers: 1 });
    const escrowBefore = (await balance(owner.client)).escrowCents;
    expect((await uploadCsv(owner.client, projectId, 'word\nextra1\nextra2')).statusCode).toBe(201);
    expect((await balance(owner.client)).escrowCents).toBe(escrowBefore);
    await expectMoneyExact();
    await owner.client.post(`/api/v1/projects/${projectId}/publish`);
    // The pilot's held task and both new ones.
    expect((await balance(owner.client)).escrowCents).toBe(escrowBefore + 3 * PER_SLOT);
    await expectMoneyExact();
  });

  it('refuses a pilot bigger than the project with 400, and changes nothing', async () => {
    const { owner, projectId } = await draft({ tasks: 3, slots: 2 });
    const cases = [
      [{ tasks: 4, workers: 1 }, 'pilot_too_big', 'body.tasks'],
      [{ tasks: 1, workers: 3 }, 'pilot_too_big', 'body.workers'],
      [{ tasks: 0, workers: 1 }, 'invalid_input', 'body.tasks'],
      [{ tasks: 1, workers: 0 }, 'invalid_input', 'body.workers'],
      [{ tasks: 1.5, workers: 1 }, 'invalid_input', 'body.tasks'],
      [{ tasks: 1 }, 'invalid_input', 'body.workers'],
      [{ tasks: 1, workers: 1, extra: true }, 'invalid_input', 'body'],
    ] as const;
    for (const [body, code, path] of cases) {
      const res = await owner.client.post(`/api/v1/projects/${projectId}/pilot`, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.code).toBe(code);
      expect(JSON.stringify(res.json().error.details)).toContain(path);
    }
    const tooBig = await owner.client.post(`/api/v1/projects/${projectId}/pilot`, {
      tasks: 4,
      workers: 1,
    });
    expect(tooBig.json().error.message).toBe(
      'The pilot is bigger than the project — tasks: must be at most 3, the tasks this project has.',
    );
    expect((await owner.client.get(`/api/v1/projects/${projectId}`)).json()).toMatchObject({
      status: 'draft',
      pilot: null,
    });
    expect(await balance(owner.client)).toMatchObject({ escrowCents: 0 });
    const tasks = await db
      .selectFrom('tasks')
      .select('assignments_per_task')
      .where('project_id', '=', projectId)
      .execute();
    expect(tasks.every((t) => t.assignments_per_task === 2)).toBe(true);
  });

  it('refuses 404 to another requester and 409 unless a draft; without funds, nothing moves', async () => {
    const { owner, projectId } = await draft({ tasks: 3, funds: 10 });
    const stranger = await signUpRequester(app);
    const notMine = await stranger.client.post(`/api/v1/projects/${projectId}/pilot`, {
      tasks: 1,
      workers: 1,
    });
    expect(notMine.statusCode).toBe(404);
    expect(
      (await stranger.client.get(`/api/v1/projects/${projectId}/pilot/submissions`)).statusCode,
    ).toBe(404);
    const poor = await owner.client.post(`/api/v1/projects/${projectId}/pilot`, {
      tasks: 1,
      workers: 1,
    });
    expect(poor.statusCode).toBe(409);
    expect(poor.json().error.code).toBe('insufficient_funds');
    expect((await owner.client.get(`/api/v1/projects/${projectId}`)).json().status).toBe('draft');
    await deposit(owner.client, 100);
    expect(
      (await owner.client.post(`/api/v1/projects/${projectId}/pilot`, { tasks: 1, workers: 1 }))
        .statusCode,
    ).toBe(200);
    const twice = await owner.client.post(`/api/v1/projects/${projectId}/pilot`, {
      tasks: 1,
      workers: 1,
    });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error).toMatchObject({
      code: 'invalid_state',
      message: 'Cannot run a pilot of a published project (only draft).',
    });
    await expectMoneyExact();
  });

  it('keeps feedback from other requesters and from workers who did not write it', async () => {
    const { owner, projectId } = await draft({ tasks: 2, slots: 2 });
    await owner.client.post(`/api/v1/projects/${projectId}/pilot`, { tasks: 1, workers: 2 });
    const [a, b] = [await worker(), await worker()];
    const work = (await accept(a, projectId)).json();
    await a.client.post(`/api/v1/assignments/${work.id}/submit`, {
      answers: GOOD_ANSWERS,
      feedback: 'Private to the requester',
    });
    const other = await signUpRequester(app);
    for (const path of [
      `/api/v1/projects/${projectId}/pilot/submissions`,
      `/api/v1/projects/${projectId}/assignments`,
      `/api/v1/assignments/${work.id}`,
    ]) {
      const res = await other.client.get(path);
      expect([403, 404]).toContain(res.statusCode);
      expect(res.body).not.toContain('Private to the requester');
    }
    expect((await b.client.get(`/api/v1/assignments/${work.id}`)).statusCode).toBe(404);
  });

  it('refuses feedback that is too long or holds a NUL, and keeps the assignment as it was', async () => {
    const { owner, projectId } = await draft({ tasks: 1 });
    await owner.client.post(`/api/v1/projects/${projectId}/pilot`, { tasks: 1, workers: 1 });
    const w = await worker();
    const work = (await accept(w, projectId)).json();
    for (const feedback of ['x'.repeat(2_001), 'a\u0000b', 42]) {
      const res = await w.client.post(`/api/v1/assignments/${work.id}/submit`, {
        answers: GOOD_ANSWERS,
        feedback,
      });
      expect(res.statusCode).toBe(400);
    }
    expect((await w.client.get(`/api/v1/assignments/${work.id}`)).json()).toMatchObject({
      status: 'accepted',
      pilotFeedback: null,
    });
  });

  it('never lets more than the pilot workers take pilot work, however many accept at once', async () => {
    const { owner, projectId } = await draft({ tasks: 4, slots: 5 });
    await owner.client.post(`/api/v1/projects/${projectId}/pilot`, { tasks: 4, workers: 3 });
    const workers = await Promise.all(Array.from({ length: 12 }, () => worker()));
    const responses = await Promise.all(
      workers.flatMap((w) => [0, 1].map(() => accept(w, projectId))),
    );
    const codes = responses.map((r) => r.statusCode);
    const accepted = responses.filter((r) => r.statusCode === 201);
    const who = new Set(accepted.map((r) => r.json().workerId as string));
    expect(who.size).toBe(3);
    // Each of the 3 took two of the pilot's tasks (both of their accepts), no one else any.
    expect(accepted).toHaveLength(6);
    expect(codes.filter((c) => c !== 201).every((c) => c === 409)).toBe(true);
    expect(
      responses
        .filter((r) => r.statusCode === 409)
        .every((r) => r.json().error.code === 'pilot_full'),
    ).toBe(true);
    const pilotWorkers = await db
      .selectFrom('assignments')
      .select((eb) => eb.fn.count<number>('worker_id').distinct().as('n'))
      .where('project_id', '=', projectId)
      .where('pilot', '=', true)
      .executeTakeFirstOrThrow();
    expect(Number(pilotWorkers.n)).toBe(3);
    await expectMoneyExact();
  });
});
