import { describe, expect, it } from 'vitest';
import { createTestApp, signUp } from '../../../../test/helpers/app.js';
import { GOLD_QUALITY, goldProject } from '../../../../test/helpers/gold.js';
import { signUpRequester } from '../../../../test/helpers/projects.js';

const ctx = await createTestApp();
const { app } = ctx;

type Requester = Awaited<ReturnType<typeof goldProject>>['requester'];

async function listGold(requester: Requester, projectId: string, query = '') {
  const res = await requester.client.get(`/api/v1/projects/${projectId}/gold${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

describe('the gold list', () => {
  it('pages the gold tasks in task order with answers, explanation and how workers did', async () => {
    const { requester, projectId } = await goldProject(app, {
      plain: 2,
      gold: 3,
      quality: { ...GOLD_QUALITY, goldPercent: 100, minGoldAccuracyPercent: 0 },
    });
    const first = await listGold(requester, projectId, '?limit=2');
    expect(first.items).toEqual([
      {
        taskId: expect.any(String),
        taskNumber: 3,
        data: { word: 'sample0' },
        answers: { animal: 'yes' },
        explanation: 'A cat is an animal.',
        answered: 0,
        correct: 0,
        correctPercent: null,
      },
      expect.objectContaining({ taskNumber: 4, data: { word: 'sample1' } }),
    ]);
    const second = await listGold(requester, projectId, `?limit=2&cursor=${first.nextCursor}`);
    expect(second.items.map((g: { taskNumber: number }) => g.taskNumber)).toEqual([5]);
    expect(second.nextCursor).toBeNull();

    // Two workers answer the first gold task (gold is due first at 100 %): one right, one wrong.
    expect((await requester.client.post(`/api/v1/projects/${projectId}/publish`)).statusCode).toBe(
      200,
    );
    for (const answer of ['yes', 'no', 'yes']) {
      const w = await signUp(app, { roles: ['worker'] });
      const a = (await w.client.post(`/api/v1/projects/${projectId}/assignments`)).json();
      const submit = await w.client.post(`/api/v1/assignments/${a.id}/submit`, {
        answers: { animal: answer },
      });
      expect(submit.statusCode).toBe(200);
    }
    const scored = (await listGold(requester, projectId)).items;
    const answered = scored.reduce((n: number, g: { answered: number }) => n + g.answered, 0);
    const correct = scored.reduce((n: number, g: { correct: number }) => n + g.correct, 0);
    expect([answered, correct]).toEqual([3, 2]);
    const [taken] = scored.filter((g: { answered: number }) => g.answered > 0);
    expect(taken.correctPercent).toBe(Math.round((taken.correct * 100) / taken.answered));
  });

  it('is the owner’s alone: another requester is told the project does not exist', async () => {
    const { projectId } = await goldProject(app, { plain: 0, gold: 1 });
    const stranger = await signUpRequester(app);
    expect((await stranger.client.get(`/api/v1/projects/${projectId}/gold`)).statusCode).toBe(404);
  });
});

describe('editing gold', () => {
  it('replaces known answers and explanation, and makes an ordinary task gold', async () => {
    const { requester, projectId } = await goldProject(app, { plain: 1, gold: 1 });
    const [gold] = (await listGold(requester, projectId)).items;
    const edited = await requester.client.put(`/api/v1/projects/${projectId}/gold/${gold.taskId}`, {
      answers: { animal: 'no', note: 'stone' },
      explanation: 'A rock is not alive.',
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({
      taskId: gold.taskId,
      answers: { animal: 'no', note: 'stone' },
      explanation: 'A rock is not alive.',
    });
    const tasks = (await requester.client.get(`/api/v1/projects/${projectId}/tasks`)).json();
    const plain = tasks.items.find((t: { data: { word: string } }) => t.data.word === 'plain0');
    const made = await requester.client.put(`/api/v1/projects/${projectId}/gold/${plain.id}`, {
      answers: { animal: 'no' },
    });
    expect(made.statusCode, made.body).toBe(200);
    expect(made.json()).toMatchObject({ taskNumber: 1, explanation: null });
    const list = (await listGold(requester, projectId)).items;
    expect(list.map((g: { taskNumber: number }) => g.taskNumber)).toEqual([1, 2]);
    expect(list[1].answers).toEqual({ animal: 'no', note: 'stone' });
  });

  it('refuses answers that do not fit the template, naming the item, and changes nothing', async () => {
    const { requester, projectId } = await goldProject(app, { plain: 0, gold: 1 });
    const [gold] = (await listGold(requester, projectId)).items;
    const url = `/api/v1/projects/${projectId}/gold/${gold.taskId}`;
    const notAnOption = await requester.client.put(url, { answers: { animal: 'maybe' } });
    expect(notAnOption.statusCode).toBe(400);
    expect(notAnOption.json().error.code).toBe('invalid_gold');
    expect(notAnOption.json().error.message).toContain('animal');
    expect(notAnOption.json().error.details).toEqual([
      { path: 'body.answers.animal', message: expect.stringContaining('maybe') },
    ]);
    const missingRequired = await requester.client.put(url, { answers: { note: 'x' } });
    expect(missingRequired.statusCode).toBe(400);
    expect(missingRequired.json().error.message).toMatch(/animal: is required/);
    const unknownItem = await requester.client.put(url, {
      answers: { animal: 'yes', colour: 'red' },
    });
    expect(unknownItem.statusCode).toBe(400);
    expect(unknownItem.json().error.message).toContain('colour');
    const empty = await requester.client.put(url, { answers: {} });
    expect(empty.statusCode).toBe(400);
    const [after] = (await listGold(requester, projectId)).items;
    expect(after).toEqual(gold);
  });

  it('removes gold, and a second removal or another project’s task is not found', async () => {
    const { requester, projectId } = await goldProject(app, { plain: 0, gold: 2 });
    const other = await goldProject(app, { plain: 0, gold: 1 });
    const [otherGold] = (await listGold(other.requester, other.projectId)).items;
    const [gold] = (await listGold(requester, projectId)).items;
    const url = `/api/v1/projects/${projectId}/gold/${gold.taskId}`;
    const removed = await requester.client.delete(url);
    expect(removed.statusCode, removed.body).toBe(200);
    expect(removed.json()).toEqual({ taskId: gold.taskId, removed: true });
    expect((await requester.client.delete(url)).statusCode).toBe(404);
    // A task of someone else's project, under my project's id, is not mine to edit.
    const foreign = `/api/v1/projects/${projectId}/gold/${otherGold.taskId}`;
    expect((await requester.client.delete(foreign)).statusCode).toBe(404);
    expect((await requester.client.put(foreign, { answers: { animal: 'no' } })).statusCode).toBe(
      404,
    );
    expect((await listGold(requester, projectId)).items).toHaveLength(1);
    expect((await listGold(other.requester, other.projectId)).items).toEqual([otherGold]);
  });
});
