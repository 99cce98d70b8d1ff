import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { createTestApp } from '../../../../test/helpers/app.js';
import {
  createProject,
  deposit,
  signUpRequester,
  uploadCsv,
} from '../../../../test/helpers/projects.js';
import { SIMPLE_FORM } from '../../../../test/helpers/work.js';
import * as taskNumbers from '../../db/migrations/20261206120000_task_numbers.js';
import { createTasksRepository } from './tasks.repository.js';

// Room for several uploads of one requester at once: the concurrent case below needs it.
const ctx = await createTestApp({ env: { BATCH_UPLOADS_PER_REQUESTER: '8' } });
const { app } = ctx;
const { db } = ctx.database;

type TaskItem = { id: string; batchId: string; rowNumber: number; number: number; data: never };

const csvOf = (words: readonly string[]) => ['word', ...words].join('\n');
const words = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

async function freshProject() {
  const owner = await signUpRequester(app);
  await deposit(owner.client, 1_000_000);
  const project = await createProject(owner.client, { template: SIMPLE_FORM, rewardCents: 5 });
  return { client: owner.client, projectId: project.id };
}

async function allTasks(client: Awaited<ReturnType<typeof freshProject>>['client'], id: string) {
  const items: TaskItem[] = [];
  let cursor: string | null = null;
  do {
    const query: string = cursor ? `&cursor=${cursor}` : '';
    const page = await client.get(`/api/v1/projects/${id}/tasks?limit=100${query}`);
    expect(page.statusCode).toBe(200);
    const body = page.json<{ items: TaskItem[]; nextCursor: string | null }>();
    items.push(...body.items);
    cursor = body.nextCursor;
  } while (cursor);
  return items;
}

const oneToN = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

describe('task numbers', () => {
  it('continue across batches while row numbers restart, and never change', async () => {
    const { client, projectId } = await freshProject();
    const first = await uploadCsv(client, projectId, csvOf(words('a', 3)));
    expect(first.statusCode).toBe(201);
    const second = await client.post(`/api/v1/projects/${projectId}/batches`, {
      rows: words('b', 2).map((word) => ({ word })),
    });
    expect(second.statusCode).toBe(201);

    const before = await allTasks(client, projectId);
    expect(before.map((t) => [t.number, t.rowNumber])).toEqual([
      [1, 1],
      [2, 2],
      [3, 3],
      [4, 1],
      [5, 2],
    ]);
    expect(before.slice(3).every((t) => t.batchId === second.json().id)).toBe(true);

    // Publishing and a third batch into the live project leave the first numbers as they were.
    expect((await client.post(`/api/v1/projects/${projectId}/publish`)).statusCode).toBe(200);
    expect((await uploadCsv(client, projectId, csvOf(words('c', 2)))).statusCode).toBe(201);
    const after = await allTasks(client, projectId);
    expect(after.slice(0, 5)).toEqual(before);
    expect(after.map((t) => t.number)).toEqual(oneToN(7));

    const preview = await client.get(
      `/api/v1/projects/${projectId}/preview?taskId=${after[6]?.id}`,
    );
    expect(preview.json().task).toMatchObject({ number: 7, rowNumber: 2 });
  });

  it('start at 1 in every project', async () => {
    const one = await freshProject();
    const two = await freshProject();
    await uploadCsv(one.client, one.projectId, csvOf(words('x', 4)));
    await uploadCsv(two.client, two.projectId, csvOf(words('y', 2)));
    expect((await allTasks(two.client, two.projectId)).map((t) => t.number)).toEqual([1, 2]);
  });

  it('leave no gap after a refused upload', async () => {
    const { client, projectId } = await freshProject();
    await uploadCsv(client, projectId, csvOf(words('a', 2)));
    // The third row lacks the column the template reads: nothing of this upload is kept.
    const refused = await client.post(`/api/v1/projects/${projectId}/batches`, {
      rows: [{ word: 'ok' }, { word: 'fine' }, { other: 'no word' }],
    });
    expect(refused.statusCode).toBe(400);
    await uploadCsv(client, projectId, csvOf(words('b', 2)));
    expect((await allTasks(client, projectId)).map((t) => t.number)).toEqual(oneToN(4));
  });

  it('are unique and gap-free when one project gets several uploads at once', async () => {
    const { client, projectId } = await freshProject();
    const uploads = 6;
    const rows = 40;
    const results = await Promise.all(
      Array.from({ length: uploads }, (_, u) =>
        uploadCsv(client, projectId, csvOf(words(`u${u}-`, rows))),
      ),
    );
    expect(results.map((r) => r.statusCode)).toEqual(Array(uploads).fill(201));

    const tasks = await allTasks(client, projectId);
    expect(tasks.map((t) => t.number).sort((a, b) => a - b)).toEqual(oneToN(uploads * rows));
    // Each upload's rows hold one run of numbers, in the upload's row order.
    for (const result of results) {
      const mine = tasks.filter((t) => t.batchId === result.json().id);
      expect(mine.map((t) => t.rowNumber)).toEqual(oneToN(rows));
      const start = mine[0]?.number ?? 0;
      expect(mine.map((t) => t.number)).toEqual(oneToN(rows).map((n) => start + n - 1));
    }
  });

  it('cannot repeat even for a writer that skips the project lock', async () => {
    const { client, projectId } = await freshProject();
    const batch = (await uploadCsv(client, projectId, csvOf(['seed']))).json<{ id: string }>();
    const tasks = createTasksRepository(db);
    const insert = (word: string) =>
      db.transaction().execute(async (trx) => {
        await tasks.insertTasks(
          {
            projectId,
            batchId: batch.id,
            columns: ['word'],
            rowsBefore: 1,
            rows: [[word], [`${word}-2`]],
            rewardCents: 5,
            reserveSlots: 0,
            assignmentsPerTask: 1,
          },
          trx,
        );
        // Keep the transaction open a moment, so that the other may run beside it.
        await sql`select pg_sleep(0.05)`.execute(trx);
      });
    const settled = await Promise.allSettled([insert('left'), insert('right')]);
    expect(settled.some((s) => s.status === 'fulfilled')).toBe(true);
    const numbers = (await allTasks(client, projectId)).map((t) => t.number);
    expect(new Set(numbers).size).toBe(numbers.length);
  });
});

describe('the migration', () => {
  it('numbers existing tasks per project in import order', async () => {
    const one = await freshProject();
    const two = await freshProject();
    const firstOne = await uploadCsv(one.client, one.projectId, csvOf(['a0', 'a1']));
    await uploadCsv(two.client, two.projectId, csvOf(['b0']));
    await uploadCsv(one.client, one.projectId, csvOf(['a2']));
    await uploadCsv(two.client, two.projectId, csvOf(['b1', 'b2']));
    expect(firstOne.statusCode).toBe(201);

    await taskNumbers.down(db);
    await taskNumbers.up(db);

    const numbered = async (projectId: string) =>
      (
        await db
          .selectFrom('tasks')
          .select(['number', sql<string>`data->>'word'`.as('word')])
          .where('project_id', '=', projectId)
          .orderBy('number')
          .execute()
      ).map((t) => [t.number, t.word]);
    expect(await numbered(one.projectId)).toEqual([
      [1, 'a0'],
      [2, 'a1'],
      [3, 'a2'],
    ]);
    expect(await numbered(two.projectId)).toEqual([
      [1, 'b0'],
      [2, 'b1'],
      [3, 'b2'],
    ]);
  });
});
