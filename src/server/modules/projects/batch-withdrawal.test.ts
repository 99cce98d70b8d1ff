import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { createServices } from '../../app.js';
import { createTestApp, signUp } from '../../../../test/helpers/app.js';
import { NO_LEDGER_VIOLATIONS, ledgerViolations } from '../../../../test/helpers/ledger.js';
import {
  balance,
  createProject,
  SAMPLE_CSV,
  signUpRequester,
  uploadCsv,
} from '../../../../test/helpers/projects.js';
import { GOOD_ANSWERS, publishedProject } from '../../../../test/helpers/work.js';
import { openTasksSql } from '../../db/open-tasks.js';

const FEE_PERCENT = 10;
const ctx = await createTestApp({ env: { PLATFORM_FEE_PERCENT: String(FEE_PERCENT) } });
const { app } = ctx;
const db = ctx.database.db;
const services = createServices({ db, clock: ctx.clock, config: ctx.config });
/** publishedProject's reward (10 cents) plus the 10 % fee. */
const SLOT_CENTS = 11;

const batchesPath = (projectId: string) => `/api/v1/projects/${projectId}/batches`;

async function batchesOf(
  client: Awaited<ReturnType<typeof signUpRequester>>['client'],
  id: string,
) {
  return (await client.get(batchesPath(id))).json<{ items: { id: string }[] }>().items;
}

async function taskCount(projectId: string) {
  const tasks = await db
    .selectFrom('tasks')
    .select('id')
    .where('project_id', '=', projectId)
    .execute();
  const project = await db
    .selectFrom('projects')
    .select(['task_count', openTasksSql('projects').as('open_tasks')])
    .where('id', '=', projectId)
    .executeTakeFirstOrThrow();
  return { rows: tasks.length, taskCount: project.task_count, openTasks: project.open_tasks };
}

async function workers(n: number) {
  return Promise.all(Array.from({ length: n }, () => signUp(app, { roles: ['worker'] })));
}

async function expectLedgerHolds() {
  expect(await ledgerViolations(db, FEE_PERCENT)).toEqual(NO_LEDGER_VIOLATIONS);
}

describe("deleting a draft's batch", () => {
  it('removes the batch and its tasks and charges nothing; a second delete is 404', async () => {
    const { client } = await signUpRequester(app);
    const project = await createProject(client);
    const first = (await uploadCsv(client, project.id, SAMPLE_CSV)).json();
    const second = (await uploadCsv(client, project.id, SAMPLE_CSV)).json();
    const before = await balance(client);

    const res = await client.delete(`${batchesPath(project.id)}/${first.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ id: first.id, deletedTasks: 2 });
    expect((await batchesOf(client, project.id)).map((b) => b.id)).toEqual([second.id]);
    expect(await taskCount(project.id)).toEqual({ rows: 2, taskCount: 2, openTasks: 2 });
    expect(await balance(client)).toEqual(before);

    const again = await client.delete(`${batchesPath(project.id)}/${first.id}`);
    expect(again.statusCode).toBe(404);
    expect(await taskCount(project.id)).toMatchObject({ rows: 2, taskCount: 2 });
    await expectLedgerHolds();
  });

  it('lets a keyed upload be sent again after its batch was deleted', async () => {
    const { client } = await signUpRequester(app);
    const project = await createProject(client);
    const key = { 'idempotency-key': 'upload-1' };
    const first = await uploadCsv(client, project.id, SAMPLE_CSV, key);
    await client.delete(`${batchesPath(project.id)}/${first.json().id}`);
    const retry = await uploadCsv(client, project.id, SAMPLE_CSV, key);
    expect(retry.statusCode).toBe(201);
    expect(retry.json().id).not.toBe(first.json().id);
  });

  it("refuses a published project's batch (it is cancelled instead) and a draft's cancel", async () => {
    const { requester, projectId } = await publishedProject(app);
    const [batch] = await batchesOf(requester.client, projectId);
    const del = await requester.client.delete(`${batchesPath(projectId)}/${batch!.id}`);
    expect(del.statusCode).toBe(409);
    expect(del.json().error.code).toBe('invalid_state');

    const { client } = await signUpRequester(app);
    const draft = await createProject(client);
    const upload = (await uploadCsv(client, draft.id, SAMPLE_CSV)).json();
    const cancel = await client.post(`${batchesPath(draft.id)}/${upload.id}/cancel`);
    expect(cancel.statusCode).toBe(409);
    expect(cancel.json().error.message).toContain('delete it instead');
  });

  it("keeps another requester's batches out of reach (404) and nothing changes", async () => {
    const { requester, projectId } = await publishedProject(app);
    const [batch] = await batchesOf(requester.client, projectId);
    const { client: owner } = await signUpRequester(app);
    const draft = await createProject(owner);
    const draftBatch = (await uploadCsv(owner, draft.id, SAMPLE_CSV)).json();
    const { client: intruder } = await signUpRequester(app);
    const before = await balance(requester.client);

    expect((await intruder.delete(`${batchesPath(draft.id)}/${draftBatch.id}`)).statusCode).toBe(
      404,
    );
    expect((await intruder.post(`${batchesPath(projectId)}/${batch!.id}/cancel`)).statusCode).toBe(
      404,
    );
    // A batch id under the wrong project is not found either.
    expect((await owner.delete(`${batchesPath(draft.id)}/${batch!.id}`)).statusCode).toBe(404);
    expect(await taskCount(draft.id)).toMatchObject({ rows: 2 });
    expect(await balance(requester.client)).toEqual(before);
  });
});

describe("cancelling a published project's batch", () => {
  it('returns the escrow of untaken slots, keeps work in progress payable, and is idempotent', async () => {
    const { requester, projectId } = await publishedProject(app, { tasks: 3, slots: 2 });
    const [batch] = await batchesOf(requester.client, projectId);
    const [a, b, c] = await workers(3);
    const accepted = (await a!.client.post(`/api/v1/projects/${projectId}/assignments`)).json();
    const submitted = (await b!.client.post(`/api/v1/projects/${projectId}/assignments`)).json();
    await b!.client.post(`/api/v1/assignments/${submitted.id}/submit`, { answers: GOOD_ANSWERS });
    const before = await balance(requester.client);
    expect(before.escrowCents).toBe(6 * SLOT_CENTS);

    const res = await requester.client.post(`${batchesPath(projectId)}/${batch!.id}/cancel`);
    expect(res.statusCode).toBe(200);
    // 6 slots, 2 taken: 4 × (10 + 1) back.
    expect(res.json()).toMatchObject({ status: 'cancelled', releasedCents: 4 * SLOT_CENTS });
    expect(res.json().cancelledAt).toEqual(expect.any(String));
    const after = await balance(requester.client);
    expect(after).toEqual({
      ...after,
      availableCents: before.availableCents + 4 * SLOT_CENTS,
      escrowCents: 2 * SLOT_CENTS,
    });
    await expectLedgerHolds();

    // Nobody else gets a task, and the feed no longer offers it.
    const refused = await c!.client.post(`/api/v1/projects/${projectId}/assignments`);
    expect(refused.statusCode).toBe(409);
    const feed = (await c!.client.get('/api/v1/feed')).json().items as { id: string }[];
    expect(feed.map((p) => p.id)).not.toContain(projectId);

    // Work already taken is paid as usual.
    expect(
      (await a!.client.post(`/api/v1/assignments/${accepted.id}/submit`, { answers: GOOD_ANSWERS }))
        .statusCode,
    ).toBe(200);
    for (const id of [accepted.id, submitted.id]) {
      expect(
        (await requester.client.post(`/api/v1/assignments/${id}/approve`, {})).statusCode,
      ).toBe(200);
    }
    expect((await balance(requester.client)).escrowCents).toBe(0);
    await expectLedgerHolds();

    const again = await requester.client.post(`${batchesPath(projectId)}/${batch!.id}/cancel`);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual(res.json());
    expect((await balance(requester.client)).availableCents).toBe(
      before.availableCents + 4 * SLOT_CENTS,
    );
  });

  it('leaves the other batches open', async () => {
    const { requester, projectId } = await publishedProject(app, { tasks: 2 });
    const added = await uploadCsv(requester.client, projectId, 'word\nextra1\nextra2\n');
    expect(added.statusCode).toBe(201);
    const [, first] = await batchesOf(requester.client, projectId);
    await requester.client.post(`${batchesPath(projectId)}/${first!.id}/cancel`);
    const [worker] = await workers(1);
    const taken = await worker!.client.post(`/api/v1/projects/${projectId}/assignments`);
    expect(taken.statusCode).toBe(201);
    const task = await db
      .selectFrom('tasks')
      .select('batch_id')
      .where('id', '=', taken.json().taskId)
      .executeTakeFirstOrThrow();
    expect(task.batch_id).toBe(added.json().id);
    await expectLedgerHolds();
  });

  it('closes a slot given back after the cancellation and returns its escrow on the next sweep', async () => {
    const { requester, projectId } = await publishedProject(app, { tasks: 2 });
    const [batch] = await batchesOf(requester.client, projectId);
    const [a, b] = await workers(2);
    const taken = (await a!.client.post(`/api/v1/projects/${projectId}/assignments`)).json();
    await requester.client.post(`${batchesPath(projectId)}/${batch!.id}/cancel`);
    expect((await balance(requester.client)).escrowCents).toBe(SLOT_CENTS);

    expect((await a!.client.post(`/api/v1/assignments/${taken.id}/return`)).statusCode).toBe(200);
    // The slot is free again but the batch is cancelled: nobody is given it.
    expect((await b!.client.post(`/api/v1/projects/${projectId}/assignments`)).statusCode).toBe(
      409,
    );
    expect(await taskCount(projectId)).toMatchObject({ openTasks: 0 });
    await expectLedgerHolds();

    expect(await services.projects.withdrawal.sweepFreedSlots()).toBe(1);
    expect((await balance(requester.client)).escrowCents).toBe(0);
    const [swept] = (await requester.client.get(batchesPath(projectId))).json().items;
    expect(swept).toMatchObject({ status: 'cancelled', releasedCents: 2 * SLOT_CENTS });
    expect(await services.projects.withdrawal.sweepFreedSlots()).toBe(0);
    await expectLedgerHolds();
  });

  it('is refused to workers (403) and on a closed project (409)', async () => {
    const { requester, projectId } = await publishedProject(app);
    const [batch] = await batchesOf(requester.client, projectId);
    const [worker] = await workers(1);
    expect(
      (await worker!.client.post(`${batchesPath(projectId)}/${batch!.id}/cancel`)).statusCode,
    ).toBe(403);
    await requester.client.post(`/api/v1/projects/${projectId}/cancel`);
    const closed = await requester.client.post(`${batchesPath(projectId)}/${batch!.id}/cancel`);
    expect(closed.statusCode).toBe(409);
    expect(closed.json().error.code).toBe('invalid_state');
    await expectLedgerHolds();
  });
});

describe('a cancel racing accepts', () => {
  it('never both gives a slot to a worker and refunds it (three rounds)', async () => {
    const tasks = 12;
    const slots = 2;
    const crowd = await workers(16);
    for (let round = 0; round < 3; round++) {
      const { requester, projectId } = await publishedProject(app, { tasks, slots });
      const [batch] = await batchesOf(requester.client, projectId);
      const before = await balance(requester.client);
      const accept = (w: (typeof crowd)[number]) =>
        w.client.post(`/api/v1/projects/${projectId}/assignments`);
      // The cancel goes out between the two waves of accepts.
      const [first, [cancel, ...second]] = await Promise.all([
        Promise.all(crowd.map(accept)),
        Promise.all([
          requester.client.post(`${batchesPath(projectId)}/${batch!.id}/cancel`),
          ...crowd.map(accept),
        ]),
      ]);
      expect(cancel.statusCode).toBe(200);
      const accepts = [...first, ...second];
      const won = accepts.filter((r) => r.statusCode === 201).length;
      expect(accepts.every((r) => r.statusCode === 201 || r.statusCode === 409)).toBe(true);

      const { rows } = await sql<{ assigned: number; per: number; live: number }>`
        select (select count(*)::int from assignments a where a.task_id = t.id) as assigned,
               t.assignments_per_task as per, t.live_assignments as live
        from tasks t where t.project_id = ${projectId}`.execute(db);
      // Every slot is either someone's assignment or refunded: none open, none both.
      for (const row of rows)
        expect(row).toEqual({ assigned: row.live, per: row.live, live: row.live });
      const released = cancel.json().releasedCents as number;
      expect(released).toBe((tasks * slots - won) * SLOT_CENTS);
      expect(await balance(requester.client)).toMatchObject({
        availableCents: before.availableCents + released,
        escrowCents: won * SLOT_CENTS,
      });
      await expectLedgerHolds();
    }
  });
});
