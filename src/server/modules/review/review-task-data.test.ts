import { describe, expect, it } from 'vitest';
import { createTestApp, signUp } from '../../../../test/helpers/app.js';
import { signUpRequester } from '../../../../test/helpers/projects.js';
import { accept, fundedProject, submit } from '../../../../test/helpers/review.js';

const ctx = await createTestApp();
const { app } = ctx;

// Far past what a table cell shows: a transcript of many lines, and a row of many columns.
const LONG_TRANSCRIPT = Array.from(
  { length: 200 },
  (_, i) => `Line ${i + 1}: the speaker says “grüezi” and waits.`,
).join('\n');
const WIDE_ROW: Record<string, string> = {
  word: 'the-second-batch-row',
  transcript: LONG_TRANSCRIPT,
  image_url: 'https://img.example.com/photos/a-very-long-path/with/many/segments/photo-0001.jpg',
  ...Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`extra_${i}`, `value ${i}`])),
};

type Item = {
  id: string;
  task: { number: number; rowNumber: number; batchId: string; data: Record<string, string> };
};

describe('the task data a requester reviews', () => {
  it('comes in full, with a task number that continues across batches', async () => {
    const { requester, projectId } = await fundedProject(app, { tasks: 2 });
    const second = await requester.client.post(`/api/v1/projects/${projectId}/batches`, {
      rows: [WIDE_ROW],
    });
    expect(second.statusCode).toBe(201);

    // One worker does all three tasks, in upload order.
    const worker = await signUp(app, { roles: ['worker'] });
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const id = await accept(worker, projectId);
      await submit(worker, id);
      ids.push(id);
    }

    const list = await requester.client.get(`/api/v1/projects/${projectId}/assignments`);
    expect(list.statusCode).toBe(200);
    const items = list.json<{ items: Item[] }>().items;
    const byId = new Map(items.map((item) => [item.id, item]));
    expect(ids.map((id) => byId.get(id)?.task.number)).toEqual([1, 2, 3]);
    expect(ids.map((id) => byId.get(id)?.task.rowNumber)).toEqual([1, 2, 1]);

    const wide = byId.get(ids[2]!);
    expect(wide?.task.batchId).toBe(second.json().id);
    expect(wide?.task.data).toEqual(WIDE_ROW);
    expect(wide?.task.data.transcript).toHaveLength(LONG_TRANSCRIPT.length);

    const detail = await requester.client.get(`/api/v1/assignments/${ids[2]}`);
    expect(detail.statusCode).toBe(200);
    expect(detail.json().task).toMatchObject({ number: 3, rowNumber: 1, data: WIDE_ROW });
  });

  it('stays out of reach of another requester', async () => {
    const { projectId } = await fundedProject(app, { tasks: 1 });
    const worker = await signUp(app, { roles: ['worker'] });
    const id = await accept(worker, projectId);
    await submit(worker, id);

    const stranger = await signUpRequester(app);
    const list = await stranger.client.get(`/api/v1/projects/${projectId}/assignments`);
    expect(list.statusCode).toBe(404);
    expect(list.body).not.toContain('word0');
    const one = await stranger.client.get(`/api/v1/assignments/${id}`);
    expect(one.statusCode).toBe(404);
    expect(one.body).not.toContain('word0');
  });
});
