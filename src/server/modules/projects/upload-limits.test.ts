import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createTestApp, type Client } from '../../../../test/helpers/app.js';
import {
  createProject,
  deposit,
  signUpRequester,
  uploadCsv,
} from '../../../../test/helpers/projects.js';

// Small limits, as an operator would set them, so the tests stay quick.
const DRAFT_CAP = 10_000;
const ctx = await createTestApp({
  env: { BATCH_UPLOADS_PER_REQUESTER: '2', DRAFT_TASKS_PER_REQUESTER: String(DRAFT_CAP) },
});
const { app } = ctx;
const db = ctx.database.db;

const ANSWER_TEMPLATE = {
  rewardCents: 1,
  assignmentsPerTask: 1,
  template: { kind: 'form', items: [{ type: 'text', name: 'answer' }] },
};

const csvOf = (rows: number, from = 1) =>
  `answer\n${Array.from({ length: rows }, (_, i) => `row ${from + i}`).join('\n')}\n`;

async function taskCount(projectId: string) {
  const row = await db
    .selectFrom('tasks')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('project_id', '=', projectId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

async function freshRequester() {
  const owner = await signUpRequester(app);
  const project = await createProject(owner.client, ANSWER_TEMPLATE);
  return { ...owner, project };
}

/**
 * An upload whose body stops after the header until `finish` sends the rest, as a slow client's
 * would. `reading` settles once the server has begun to read the body: by then the upload holds
 * its slot and has checked the draft cap.
 */
function slowUpload(client: Client, projectId: string) {
  let headSent = false;
  let serverReading!: () => void;
  const reading = new Promise<void>((resolve) => {
    serverReading = resolve;
  });
  const body = new Readable({
    read() {
      if (headSent) {
        serverReading();
        return;
      }
      headSent = true;
      this.push('answer\n');
    },
  });
  const response = Promise.resolve(
    app.inject({
      method: 'POST',
      url: `/api/v1/projects/${projectId}/batches`,
      headers: {
        'content-type': 'text/csv',
        cookie: `tessera_session=${client.cookie('tessera_session')}; csrf_token=${client.cookie('csrf_token')}`,
        'x-csrf-token': client.cookie('csrf_token') ?? '',
      },
      payload: body,
    }),
  );
  return {
    reading,
    response,
    finish(rest: string) {
      body.push(rest);
      body.push(null);
      return response;
    },
  };
}

describe('concurrent uploads of one requester', () => {
  it('refuses a third upload at once with 429 and Retry-After, and takes uploads again when one ends', async () => {
    const { client, project } = await freshRequester();
    const first = slowUpload(client, project.id);
    const second = slowUpload(client, project.id);
    await Promise.all([first.reading, second.reading]);

    const third = await uploadCsv(client, project.id, csvOf(3));
    expect(third.statusCode).toBe(429);
    expect(Number(third.headers['retry-after'])).toBeGreaterThan(0);
    expect(third.json().error).toMatchObject({
      code: 'too_many_uploads',
      message: expect.stringContaining('2 uploads running'),
      details: { limitConcurrentUploads: 2 },
    });
    // Another requester has slots of their own.
    const other = await freshRequester();
    expect((await uploadCsv(other.client, other.project.id, csvOf(3))).statusCode).toBe(201);

    expect((await first.finish('a\nb\n')).statusCode).toBe(201);
    expect((await uploadCsv(client, project.id, csvOf(3))).statusCode).toBe(201);
    expect((await second.finish('c\n')).statusCode).toBe(201);
    expect(await taskCount(project.id)).toBe(2 + 3 + 1);
  });

  it('takes over the slots of a server that died mid-upload once their lease has run out', async () => {
    const { client, user, project } = await freshRequester();
    // What a crashed instance leaves behind: both slots leased, never released.
    await db
      .insertInto('upload_slots')
      .values(
        [0, 1].map((slot) => ({
          requester_id: user.id,
          slot,
          holder: crypto.randomUUID(),
          expires_at: new Date(ctx.clock.now().getTime() + 60_000),
        })),
      )
      .execute();
    expect((await uploadCsv(client, project.id, csvOf(3))).statusCode).toBe(429);
    ctx.clock.advance(60_001);
    expect((await uploadCsv(client, project.id, csvOf(3))).statusCode).toBe(201);
    expect(await taskCount(project.id)).toBe(3);
  });
});

describe('the cap on tasks in unpublished projects', () => {
  it('refuses an upload that would pass the cap, naming the cap and what remains, and imports none of it', async () => {
    const { client } = await freshRequester();
    const one = await createProject(client, ANSWER_TEMPLATE);
    const two = await createProject(client, ANSWER_TEMPLATE);
    expect((await uploadCsv(client, one.id, csvOf(8_000))).statusCode).toBe(201);

    const over = await uploadCsv(client, two.id, csvOf(3_000));
    expect(over.statusCode).toBe(409);
    expect(over.json().error).toMatchObject({
      code: 'draft_task_limit',
      message: expect.stringMatching(
        /at most 10000 tasks.*This upload has 3000 rows; 2000 more fit/,
      ),
      details: { limitDraftTasks: DRAFT_CAP, remainingDraftTasks: 2_000, rows: 3_000 },
    });
    const json = await client.post(`/api/v1/projects/${two.id}/batches`, {
      rows: Array.from({ length: 2_001 }, (_, i) => ({ answer: String(i) })),
    });
    expect(json.statusCode).toBe(409);
    expect(json.json().error.details).toMatchObject({ remainingDraftTasks: 2_000 });
    expect(await taskCount(two.id)).toBe(0);

    expect((await uploadCsv(client, two.id, csvOf(2_000))).statusCode).toBe(201);
    const full = await uploadCsv(client, two.id, csvOf(1));
    expect(full.statusCode).toBe(409);
    expect(full.json().error.details).toMatchObject({ remainingDraftTasks: 0 });

    // Published tasks are paid for in escrow and do not count.
    await deposit(client, 10_000);
    expect((await client.post(`/api/v1/projects/${one.id}/publish`)).statusCode).toBe(200);
    expect((await uploadCsv(client, two.id, csvOf(1))).statusCode).toBe(201);
    expect([await taskCount(one.id), await taskCount(two.id)]).toEqual([8_000, 2_001]);
  });

  it('rolls back an upload already inserted in chunks when another one filled the room meanwhile', async () => {
    const { client, project } = await freshRequester();
    const other = await createProject(client, ANSWER_TEMPLATE);
    // Checked against the cap when it starts (10,000 fit), then held open.
    const late = slowUpload(client, project.id);
    await late.reading;
    expect((await uploadCsv(client, other.id, csvOf(5_000))).statusCode).toBe(201);

    // 6,000 rows: two INSERT chunks, then the count under the lock finds 11,000.
    const refused = await late.finish(csvOf(6_000).slice('answer\n'.length));
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.details).toMatchObject({
      limitDraftTasks: DRAFT_CAP,
      remainingDraftTasks: 5_000,
      rows: 6_000,
    });
    expect(await taskCount(project.id)).toBe(0);
    const batches = await client.get(`/api/v1/projects/${project.id}/batches`);
    expect(batches.json().items).toEqual([]);
    expect((await client.get(`/api/v1/projects/${project.id}`)).json().progress.tasks).toBe(0);
  });
});
