import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { platformFeeCents } from '../../../shared/money.js';
import { createTestApp, signUp } from '../../../../test/helpers/app.js';
import { NO_LEDGER_VIOLATIONS, ledgerViolations } from '../../../../test/helpers/ledger.js';
import {
  balance,
  createProject,
  deposit,
  signUpRequester,
  uploadCsv,
} from '../../../../test/helpers/projects.js';
import { SIMPLE_FORM } from '../../../../test/helpers/work.js';

const FEE_PERCENT = 10;
const ctx = await createTestApp({ env: { PLATFORM_FEE_PERCENT: String(FEE_PERCENT) } });
const { app } = ctx;
const db = ctx.database.db;

const REWARD = 20;
const SLOT = REWARD + platformFeeCents(REWARD, FEE_PERCENT);
const FUNDS = 10_000;

type Worker = Awaited<ReturnType<typeof signUp>>;

/** A published project of `tasks` rows with adaptive overlap, its requester funded with FUNDS. */
async function overlapProject(
  overlap: { min: number; max: number; agreementPercent: number },
  tasks = 1,
) {
  const requester = await signUpRequester(app);
  await deposit(requester.client, FUNDS);
  const project = await createProject(requester.client, {
    template: SIMPLE_FORM,
    rewardCents: REWARD,
    assignmentsPerTask: undefined,
    overlap,
  });
  const csv = ['word', ...Array.from({ length: tasks }, (_, i) => `word${i}`)].join('\n');
  expect((await uploadCsv(requester.client, project.id, csv)).statusCode).toBe(201);
  const published = await requester.client.post(`/api/v1/projects/${project.id}/publish`);
  expect(published.statusCode).toBe(200);
  return { requester, projectId: project.id };
}

const workers = (n: number) =>
  Promise.all(Array.from({ length: n }, () => signUp(app, { roles: ['worker'] })));

async function acceptAs(worker: Worker, projectId: string) {
  return worker.client.post(`/api/v1/projects/${projectId}/assignments`);
}

async function work(worker: Worker, projectId: string, animal: 'yes' | 'no') {
  const accepted = await acceptAs(worker, projectId);
  expect(accepted.statusCode).toBe(201);
  const id = accepted.json<{ id: string }>().id;
  const submitted = await worker.client.post(`/api/v1/assignments/${id}/submit`, {
    answers: { animal },
  });
  expect(submitted.statusCode).toBe(200);
  return id;
}

async function taskSlots(projectId: string) {
  return db
    .selectFrom('tasks')
    .select(['assignments_per_task', 'reserve_slots', 'extra_slots'])
    .where('project_id', '=', projectId)
    .orderBy('seq')
    .execute();
}

async function progressOf(client: Worker['client'], projectId: string) {
  return (await client.get(`/api/v1/projects/${projectId}`)).json<{
    overlap: { min: number; max: number; agreementPercent: number } | null;
    progress: { overlap: { extraAssignments: number; tasksNeeding: unknown[] } | null };
  }>();
}

async function expectMoneyConserved() {
  expect(await ledgerViolations(db, FEE_PERCENT)).toEqual(NO_LEDGER_VIOLATIONS);
}

describe('adaptive overlap: settings', () => {
  it('holds escrow for max at publish and shows the overlap on the project', async () => {
    const { requester, projectId } = await overlapProject(
      { min: 2, max: 4, agreementPercent: 70 },
      3,
    );
    expect(await balance(requester.client)).toMatchObject({
      availableCents: FUNDS - 3 * 4 * SLOT,
      escrowCents: 3 * 4 * SLOT,
    });
    const project = await progressOf(requester.client, projectId);
    expect(project.overlap).toEqual({ min: 2, max: 4, agreementPercent: 70 });
    expect(project.progress.overlap).toEqual({ extraAssignments: 0, tasksNeeding: [] });
    expect(await taskSlots(projectId)).toEqual(
      Array.from({ length: 3 }, () => ({
        assignments_per_task: 2,
        reserve_slots: 2,
        extra_slots: 0,
      })),
    );
  });

  it('refuses min above max, both kinds at once and out-of-range values, naming the field', async () => {
    const requester = await signUpRequester(app);
    const create = (body: Record<string, unknown>) =>
      requester.client.post('/api/v1/projects', {
        title: 'T',
        rewardCents: 5,
        template: SIMPLE_FORM,
        ...body,
      });
    const cases: [Record<string, unknown>, string][] = [
      [{ overlap: { min: 4, max: 3, agreementPercent: 70 } }, 'overlap.min'],
      [{ overlap: { min: 0, max: 3, agreementPercent: 70 } }, 'overlap.min'],
      [{ overlap: { min: 1, max: 101, agreementPercent: 70 } }, 'overlap.max'],
      [{ overlap: { min: 1, max: 3, agreementPercent: 0 } }, 'overlap.agreementPercent'],
      [{ overlap: { min: 1, max: 3, agreementPercent: 101 } }, 'overlap.agreementPercent'],
      [{ assignmentsPerTask: 2, overlap: { min: 1, max: 3, agreementPercent: 70 } }, 'overlap'],
    ];
    for (const [body, field] of cases) {
      const res = await create(body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      const issues = res.json().error.details as { path: string }[];
      expect(issues.map((i) => i.path)).toContain(`body.${field}`);
    }
    const list = await requester.client.get('/api/v1/projects');
    expect(list.json().items).toHaveLength(0);

    const project = await createProject(requester.client, { template: SIMPLE_FORM });
    const patch = await requester.client.patch(`/api/v1/projects/${project.id}`, {
      overlap: { min: 5, max: 2, agreementPercent: 50 },
    });
    expect(patch.statusCode).toBe(400);
    expect(patch.json().error.message).toContain('overlap.min');
  });

  it('a draft switches between fixed and adaptive overlap; a published one keeps it', async () => {
    const requester = await signUpRequester(app);
    await deposit(requester.client, FUNDS);
    const project = await createProject(requester.client, {
      template: SIMPLE_FORM,
      rewardCents: REWARD,
    });
    expect((await uploadCsv(requester.client, project.id, 'word\na\nb')).statusCode).toBe(201);
    const path = `/api/v1/projects/${project.id}`;
    const adaptive = await requester.client.patch(path, {
      overlap: { min: 1, max: 3, agreementPercent: 80 },
    });
    expect(adaptive.json()).toMatchObject({
      assignmentsPerTask: 1,
      overlap: { min: 1, max: 3, agreementPercent: 80 },
    });
    expect(await taskSlots(project.id)).toEqual(
      Array.from({ length: 2 }, () => ({
        assignments_per_task: 1,
        reserve_slots: 2,
        extra_slots: 0,
      })),
    );
    const fixed = await requester.client.patch(path, { assignmentsPerTask: 2 });
    expect(fixed.json()).toMatchObject({ assignmentsPerTask: 2, overlap: null });
    expect(await taskSlots(project.id)).toEqual(
      Array.from({ length: 2 }, () => ({
        assignments_per_task: 2,
        reserve_slots: 0,
        extra_slots: 0,
      })),
    );
    await requester.client.patch(path, { overlap: { min: 1, max: 2, agreementPercent: 80 } });
    expect((await requester.client.post(`${path}/publish`)).statusCode).toBe(200);
    const live = await requester.client.patch(path, {
      overlap: { min: 1, max: 4, agreementPercent: 80 },
    });
    expect(live.statusCode).toBe(409);
    expect(live.json().error.details).toEqual({ field: 'overlap' });
    await expectMoneyConserved();
  });
});

describe('adaptive overlap: slots', () => {
  it('opens one slot at a time while answers disagree, up to max and no further', async () => {
    const { requester, projectId } = await overlapProject({ min: 2, max: 4, agreementPercent: 70 });
    const [a, b, c, d, e] = await workers(5);
    await work(a!, projectId, 'yes');
    // One answer of two: no decision until every open slot is answered.
    expect(await taskSlots(projectId)).toEqual([
      { assignments_per_task: 2, reserve_slots: 2, extra_slots: 0 },
    ]);
    await work(b!, projectId, 'no');
    expect(await taskSlots(projectId)).toEqual([
      { assignments_per_task: 3, reserve_slots: 1, extra_slots: 1 },
    ]);
    await work(c!, projectId, 'yes');
    // 2 of 3 agree: 66.7 % < 70 %.
    expect(await taskSlots(projectId)).toEqual([
      { assignments_per_task: 4, reserve_slots: 0, extra_slots: 2 },
    ]);
    await work(d!, projectId, 'no');
    expect(await taskSlots(projectId)).toEqual([
      { assignments_per_task: 4, reserve_slots: 0, extra_slots: 2 },
    ]);
    const fifth = await acceptAs(e!, projectId);
    expect(fifth.statusCode).toBe(409);
    expect(fifth.json().error.code).toBe('no_task_available');
    const project = await progressOf(requester.client, projectId);
    expect(project.progress.overlap).toEqual({
      extraAssignments: 2,
      tasksNeeding: [
        { answers: 3, tasks: 1 },
        { answers: 4, tasks: 1 },
      ],
    });
    // Every slot was used: nothing is left to return, and the project's escrow pays all four.
    expect(await balance(requester.client)).toMatchObject({
      availableCents: FUNDS - 4 * SLOT,
      escrowCents: 4 * SLOT,
    });
    await expectMoneyConserved();
  });

  it('settles at min when answers agree, returning exactly (max − min) × (reward + fee)', async () => {
    const { requester, projectId } = await overlapProject({ min: 2, max: 5, agreementPercent: 70 });
    const [a, b] = await workers(2);
    const ids = [await work(a!, projectId, 'yes'), await work(b!, projectId, 'yes')];
    expect(await taskSlots(projectId)).toEqual([
      { assignments_per_task: 2, reserve_slots: 3, extra_slots: 0 },
    ]);
    // Still held: a rejection could reopen a slot whose answer disagrees.
    expect((await balance(requester.client)).availableCents).toBe(FUNDS - 5 * SLOT);
    expect(
      (await requester.client.post(`/api/v1/assignments/${ids[0]}/approve`, {})).statusCode,
    ).toBe(200);
    expect((await balance(requester.client)).availableCents).toBe(FUNDS - 5 * SLOT);
    await expectMoneyConserved();
    expect(
      (await requester.client.post(`/api/v1/assignments/${ids[1]}/approve`, {})).statusCode,
    ).toBe(200);
    expect(await balance(requester.client)).toMatchObject({
      availableCents: FUNDS - 5 * SLOT + (5 - 2) * SLOT,
      escrowCents: 0,
    });
    expect(await taskSlots(projectId)).toEqual([
      { assignments_per_task: 2, reserve_slots: 0, extra_slots: 0 },
    ]);
    const { rows } = await sql<{ memo: string }>`
      select memo from ledger_transactions where project_id = ${projectId} and kind = 'release'`.execute(
      db,
    );
    expect(rows.map((r) => r.memo)).toEqual([
      expect.stringContaining('unused slots of 1 settled task'),
    ]);
    await expectMoneyConserved();
  });

  it('a rejected answer reopens its slot for a new answer before anything settles', async () => {
    const { requester, projectId } = await overlapProject({
      min: 2,
      max: 3,
      agreementPercent: 100,
    });
    const [a, b, c] = await workers(3);
    const first = await work(a!, projectId, 'yes');
    const second = await work(b!, projectId, 'yes');
    const rejected = await requester.client.post(`/api/v1/assignments/${second}/reject`, {
      reason: 'Guessing',
    });
    expect(rejected.statusCode).toBe(200);
    await requester.client.post(`/api/v1/assignments/${first}/approve`, {});
    // One slot answered of two: nothing decided, the reserve still held.
    expect(await taskSlots(projectId)).toEqual([
      { assignments_per_task: 2, reserve_slots: 1, extra_slots: 0 },
    ]);
    await work(c!, projectId, 'no');
    expect(await taskSlots(projectId)).toEqual([
      { assignments_per_task: 3, reserve_slots: 0, extra_slots: 1 },
    ]);
    await expectMoneyConserved();
  });

  it('concurrent submits of the last answers open at most one slot', async () => {
    const { projectId } = await overlapProject({ min: 3, max: 6, agreementPercent: 100 });
    const team = await workers(3);
    const ids: string[] = [];
    for (const w of team) {
      const res = await acceptAs(w, projectId);
      expect(res.statusCode).toBe(201);
      ids.push(res.json<{ id: string }>().id);
    }
    const answers = ['yes', 'no', 'yes'];
    const submitted = await Promise.all(
      team.map((w, i) =>
        w.client.post(`/api/v1/assignments/${ids[i]}/submit`, { answers: { animal: answers[i] } }),
      ),
    );
    expect(submitted.map((r) => r.statusCode)).toEqual([200, 200, 200]);
    expect(await taskSlots(projectId)).toEqual([
      { assignments_per_task: 4, reserve_slots: 2, extra_slots: 1 },
    ]);
    await expectMoneyConserved();
  });

  it('cancelling the batch or the project returns the reserve too', async () => {
    const batchCase = await overlapProject({ min: 1, max: 3, agreementPercent: 70 }, 2);
    const [a] = await workers(1);
    await work(a!, batchCase.projectId, 'yes');
    const batches = await batchCase.requester.client.get(
      `/api/v1/projects/${batchCase.projectId}/batches`,
    );
    const batchId = batches.json().items[0].id as string;
    const cancelled = await batchCase.requester.client.post(
      `/api/v1/projects/${batchCase.projectId}/batches/${batchId}/cancel`,
    );
    expect(cancelled.statusCode).toBe(200);
    // Only the submitted answer's slot stays in escrow; 2 reserve + 1 untaken task's 3 return.
    expect(cancelled.json().releasedCents).toBe(5 * SLOT);
    expect(await balance(batchCase.requester.client)).toMatchObject({
      availableCents: FUNDS - SLOT,
      escrowCents: SLOT,
    });
    await expectMoneyConserved();

    const projectCase = await overlapProject({ min: 2, max: 4, agreementPercent: 70 }, 2);
    const [b] = await workers(1);
    await work(b!, projectCase.projectId, 'yes');
    const res = await projectCase.requester.client.post(
      `/api/v1/projects/${projectCase.projectId}/cancel`,
    );
    expect(res.statusCode).toBe(200);
    expect(await balance(projectCase.requester.client)).toMatchObject({
      availableCents: FUNDS - SLOT,
      escrowCents: SLOT,
    });
    await expectMoneyConserved();
  });
});
