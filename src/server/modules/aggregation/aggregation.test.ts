import { describe, expect, it } from 'vitest';
import { createTestApp, signUp } from '../../../../test/helpers/app.js';
import { publishedProject } from '../../../../test/helpers/work.js';
import type { WorkerQuality } from '../../../shared/api/aggregates.js';
import { createServices } from '../../app.js';
import { AGGREGATION_DEBOUNCE_MS } from './aggregation.service.js';

const ctx = await createTestApp();
const { app, clock } = ctx;
const { db } = ctx.database;
const services = createServices({ db, clock, config: ctx.config });

type Worker = Awaited<ReturnType<typeof signUp>>;

/** Has `w` accept the next task and answer `animal` by the task's word, after `seconds`. */
async function answerNext(
  w: Worker,
  projectId: string,
  byWord: Record<string, string>,
  seconds: number,
) {
  const accepted = await w.client.post(`/api/v1/projects/${projectId}/assignments`);
  if (accepted.statusCode !== 201) throw new Error(`accept failed: ${accepted.body}`);
  const { id, taskId } = accepted.json<{ id: string; taskId: string }>();
  const task = await db
    .selectFrom('tasks')
    .select('data')
    .where('id', '=', taskId)
    .executeTakeFirstOrThrow();
  const word = String(task.data.word);
  clock.advance(seconds * 1000);
  const submitted = await w.client.post(`/api/v1/assignments/${id}/submit`, {
    answers: { animal: byWord[word] },
  });
  if (submitted.statusCode !== 200) throw new Error(`submit failed: ${submitted.body}`);
  return { id, word };
}

/**
 * Two tasks, three workers each. word0: yes, yes, no (the third worker dissents); word1: no ×3.
 * Worker seconds: 30, 60, 90 per task.
 */
async function votedProject() {
  const { requester, projectId } = await publishedProject(app, { tasks: 2, slots: 3 });
  const workers = [
    await signUp(app, { roles: ['worker'] }),
    await signUp(app, { roles: ['worker'] }),
    await signUp(app, { roles: ['worker'] }),
  ];
  const choices = [
    { word0: 'yes', word1: 'no' },
    { word0: 'yes', word1: 'no' },
    { word0: 'no', word1: 'no' },
  ];
  for (const [i, w] of workers.entries()) {
    await answerNext(w, projectId, choices[i]!, 30 * (i + 1));
    await answerNext(w, projectId, choices[i]!, 30 * (i + 1));
  }
  return { requester, projectId, workers };
}

const aggregatesUrl = (projectId: string, query = '') =>
  `/api/v1/projects/${projectId}/aggregates${query}`;

async function settleAndSweep() {
  clock.advance(AGGREGATION_DEBOUNCE_MS + 1);
  return services.aggregation.sweep();
}

describe('GET /projects/{id}/aggregates', () => {
  it('shows nothing until the job has run, and the job waits for the work to be quiet', async () => {
    const { requester, projectId } = await votedProject();
    const before = await requester.client.get(aggregatesUrl(projectId));
    expect(before.statusCode).toBe(200);
    expect(before.json()).toEqual({ items: [], nextCursor: null, computedAt: null });
    expect(await services.aggregation.sweep()).toBe(0);
    expect(await settleAndSweep()).toBeGreaterThanOrEqual(1);
    expect((await requester.client.get(aggregatesUrl(projectId))).json().computedAt).toBe(
      clock.now().toISOString(),
    );
  });

  it('gives the majority answer, its vote share and the votes per task, worked by hand', async () => {
    const { requester, projectId, workers } = await votedProject();
    const [w0, w1, w2] = workers.map((w) => w.user.id);
    const voter = (workerId: string | undefined, answer: string) => ({
      workerId,
      displayName: expect.any(String),
      answer,
    });
    await settleAndSweep();
    const response = await requester.client.get(aggregatesUrl(projectId, '?method=majority'));
    expect(response.statusCode).toBe(200);
    expect(response.json().items).toEqual([
      {
        taskId: expect.any(String),
        taskNumber: 1,
        item: 'animal',
        answer: 'yes',
        confidence: expect.closeTo(2 / 3, 9),
        votes: { yes: 2, no: 1 },
        // In the order the answers came: the three workers worked in turn.
        voters: [voter(w0, 'yes'), voter(w1, 'yes'), voter(w2, 'no')],
      },
      {
        taskId: expect.any(String),
        taskNumber: 2,
        item: 'animal',
        answer: 'no',
        confidence: 1,
        votes: { no: 3 },
        voters: [voter(w0, 'no'), voter(w1, 'no'), voter(w2, 'no')],
      },
    ]);
  });

  it('gives Dawid-Skene answers by default, with a posterior as confidence', async () => {
    const { requester, projectId } = await votedProject();
    await settleAndSweep();
    const items = (await requester.client.get(aggregatesUrl(projectId))).json().items;
    expect(items.map((a: { answer: string }) => a.answer)).toEqual(['yes', 'no']);
    expect(items[0].confidence).toBeGreaterThan(0.5);
    expect(items[0].confidence).toBeLessThan(1);
  });

  it('filters by confidence and pages with a cursor', async () => {
    const { requester, projectId } = await votedProject();
    await settleAndSweep();
    const uncertain = await requester.client.get(
      aggregatesUrl(projectId, '?method=majority&confidenceBelow=0.9'),
    );
    expect(uncertain.json().items.map((a: { taskNumber: number }) => a.taskNumber)).toEqual([1]);

    const first = (await requester.client.get(aggregatesUrl(projectId, '?limit=1'))).json();
    expect(first.items).toHaveLength(1);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = (
      await requester.client.get(aggregatesUrl(projectId, `?limit=1&cursor=${first.nextCursor}`))
    ).json();
    expect(second.items.map((a: { taskNumber: number }) => a.taskNumber)).toEqual([2]);
    expect(second.nextCursor).toBeNull();
  });

  it('refuses a bad method, confidence or cursor with a 400 naming the field', async () => {
    const { requester, projectId } = await votedProject();
    for (const [query, field] of [
      ['?method=plurality', 'method'],
      ['?confidenceBelow=2', 'confidenceBelow'],
      ['?cursor=bm90LWEtY3Vyc29y', 'cursor'],
    ] as const) {
      const response = await requester.client.get(aggregatesUrl(projectId, query));
      expect(response.statusCode).toBe(400);
      expect(JSON.stringify(response.json().error)).toContain(field);
    }
  });

  it("never shows another requester's aggregates or workers, and a worker may not ask", async () => {
    const { projectId, workers } = await votedProject();
    await settleAndSweep();
    const other = await signUp(app, { roles: ['requester'] });
    for (const path of ['aggregates', 'workers']) {
      const url = `/api/v1/projects/${projectId}/${path}`;
      expect((await other.client.get(url)).statusCode).toBe(404);
      expect((await workers[0]!.client.get(url)).statusCode).toBe(403);
    }
  });

  it('recomputes after a review changes the work, and not when nothing changed', async () => {
    const { requester, projectId } = await votedProject();
    await settleAndSweep();
    expect(await settleAndSweep()).toBe(0);
    const { items } = (
      await requester.client.get(`/api/v1/projects/${projectId}/assignments?status=submitted`)
    ).json();
    expect(
      (await requester.client.post(`/api/v1/assignments/${items[0].id}/approve`)).statusCode,
    ).toBe(200);
    expect(await settleAndSweep()).toBe(1);
  });
});

describe('GET /projects/{id}/workers', () => {
  it('counts each worker’s work, agreement with the aggregate, estimate and median time', async () => {
    const { requester, projectId, workers } = await votedProject();
    await settleAndSweep();
    const response = await requester.client.get(`/api/v1/projects/${projectId}/workers`);
    expect(response.statusCode).toBe(200);
    const byId = new Map(
      response.json<{ items: WorkerQuality[] }>().items.map((w) => [w.workerId, w] as const),
    );
    expect(byId.size).toBe(3);
    const dissenter = byId.get(workers[2]!.user.id);
    expect(dissenter).toMatchObject({
      submitted: 2,
      approved: 0,
      rejected: 0,
      goldAnswered: 0,
      goldCorrect: 0,
      agreementPercent: 50,
      medianWorkSeconds: 90,
    });
    const agreeing = byId.get(workers[0]!.user.id);
    expect(agreeing).toMatchObject({ agreementPercent: 100, medianWorkSeconds: 30 });
    expect(agreeing?.estimatedAccuracy).toBeGreaterThan(dissenter?.estimatedAccuracy ?? 1);
    // Where a bonus for their work goes: the dissenter's last handed-in assignment.
    const [latest] = await db
      .selectFrom('assignments')
      .select('id')
      .where('project_id', '=', projectId)
      .where('worker_id', '=', workers[2]!.user.id)
      .orderBy('submitted_at', 'desc')
      .limit(1)
      .execute();
    expect(dissenter?.latestAssignmentId).toBe(latest?.id);
  });
});
