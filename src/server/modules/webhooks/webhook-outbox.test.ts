import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signUp, type Client } from '../../../../test/helpers/app.js';
import { createServices } from '../../app.js';
import { signUpRequester } from '../../../../test/helpers/projects.js';
import { accept, earnings, fundedProject, submit } from '../../../../test/helpers/review.js';
import { startWebhookReceiver } from '../../../../test/helpers/webhook-receiver.js';
import { createWebhooksModule } from './webhooks.module.js';

/**
 * The transactional outbox: a change and the webhook deliveries it calls for commit together.
 * The test app runs no sweeps, so nothing here sends a delivery unless the test sweeps.
 */
const ctx = await createTestApp({ env: { WEBHOOKS_ALLOW_PRIVATE_TARGETS: 'true' } });
const { app, clock } = ctx;
const { db } = ctx.database;
const receiver = await startWebhookReceiver(29650);

/**
 * Probes run by the database itself when a transaction that changed an assignment commits
 * (deferred constraint triggers fire at COMMIT, inside the transaction, before anything the
 * process does after it): they record which deliveries that transaction can see for the
 * assignment or its task, and fail the commit of an assignment listed in `outbox_fail_commit`.
 */
beforeAll(async () => {
  await sql`create table outbox_probe (assignment_id uuid, status text, events text[])`.execute(db);
  await sql`create table outbox_fail_commit (assignment_id uuid primary key)`.execute(db);
  await sql`
    create function outbox_at_commit() returns trigger language plpgsql as $$
    begin
      if exists (select 1 from outbox_fail_commit where assignment_id = new.id) then
        raise exception 'simulated failure as the change commits';
      end if;
      insert into outbox_probe
        select new.id, new.status::text, coalesce(array_agg(d.event order by d.event), '{}')
        from webhook_deliveries d
        where d.body like '%' || new.id::text || '%' or d.body like '%' || new.task_id::text || '%';
      return null;
    end $$`.execute(db);
  await sql`
    create constraint trigger outbox_at_commit after insert or update on assignments
    deferrable initially deferred for each row execute function outbox_at_commit()`.execute(db);
});

afterAll(async () => {
  await sql`drop trigger outbox_at_commit on assignments`.execute(db);
});

async function createWebhook(client: Client, events: string[]) {
  const res = await client.post('/api/v1/webhooks', { url: receiver.url, events });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ id: string }>();
}

/** What the transaction that moved the assignment to `status` saw of its deliveries as it committed. */
async function seenAtCommit(assignmentId: string, status: string) {
  const rows = await sql<{ events: string[] }>`
    select events from outbox_probe where assignment_id = ${assignmentId} and status = ${status}`.execute(
    db,
  );
  return rows.rows.map((row) => row.events);
}

async function statusOf(assignmentId: string) {
  const row = await db
    .selectFrom('assignments')
    .select('status')
    .where('id', '=', assignmentId)
    .executeTakeFirstOrThrow();
  return row.status;
}

/** The deliveries about the assignment or its task. */
async function deliveriesOf(assignmentId: string) {
  const { task_id } = await db
    .selectFrom('assignments')
    .select('task_id')
    .where('id', '=', assignmentId)
    .executeTakeFirstOrThrow();
  return db
    .selectFrom('webhook_deliveries')
    .select(['event', 'status', 'attempts'])
    .where((eb) =>
      eb.or([eb('body', 'like', `%${assignmentId}%`), eb('body', 'like', `%${task_id}%`)]),
    )
    .orderBy('event')
    .execute();
}

async function submitted(events: string[]) {
  const requester = await signUpRequester(app);
  await createWebhook(requester.client, events);
  const { projectId } = await fundedProject(app, { requester, tasks: 1 });
  const worker = await signUp(app, { roles: ['worker'] });
  const assignmentId = await accept(worker, projectId);
  await submit(worker, assignmentId);
  return { requester, worker, projectId, assignmentId };
}

describe('webhook deliveries are written in the transaction of their change', () => {
  it('each change commits with its deliveries, before anything runs after the commit', async () => {
    const { requester, assignmentId } = await submitted([
      'assignment.accepted',
      'assignment.submitted',
      'assignment.approved',
      'task.reviewable',
    ]);
    // Inside the committing transaction, the deliveries were already there.
    expect(await seenAtCommit(assignmentId, 'accepted')).toEqual([['assignment.accepted']]);
    expect(await seenAtCommit(assignmentId, 'submitted')).toEqual([
      ['assignment.accepted', 'assignment.submitted', 'task.reviewable'],
    ]);
    const approved = await requester.client.post(`/api/v1/assignments/${assignmentId}/approve`);
    expect(approved.statusCode, approved.body).toBe(200);
    expect((await seenAtCommit(assignmentId, 'approved')).at(-1)).toContain('assignment.approved');
    // Nothing has sent them (no sweep ran): they wait, pending, for the sender.
    expect(await deliveriesOf(assignmentId)).toEqual([
      { event: 'assignment.accepted', status: 'pending', attempts: 0 },
      { event: 'assignment.approved', status: 'pending', attempts: 0 },
      { event: 'assignment.submitted', status: 'pending', attempts: 0 },
      { event: 'task.reviewable', status: 'pending', attempts: 0 },
    ]);
  });

  it('the sender picks committed deliveries up afterwards, as a restarted server would', async () => {
    const { assignmentId } = await submitted(['assignment.submitted']);
    receiver.answerWith(204);
    const before = receiver.received.length;
    // A sender that never saw the change (a fresh module, as after a restart) finds it.
    const restarted = createWebhooksModule({
      db,
      clock,
      config: ctx.config,
      allowPrivateTargets: true,
    }).service;
    while ((await restarted.sweepDue()) > 0);
    const sent = receiver.received.slice(before).map((m) => JSON.parse(m.body));
    expect(sent).toContainEqual(
      expect.objectContaining({
        type: 'assignment.submitted',
        data: expect.objectContaining({ assignmentId }),
      }),
    );
    expect(await deliveriesOf(assignmentId)).toEqual([
      { event: 'assignment.submitted', status: 'delivered', attempts: 1 },
    ]);
  });

  it('a change whose transaction rolls back queues no delivery', async () => {
    const { requester, worker, assignmentId } = await submitted([
      'assignment.submitted',
      'assignment.approved',
    ]);
    const before = await earnings(worker.client);
    await sql`insert into outbox_fail_commit values (${assignmentId})`.execute(db);
    const approved = await requester.client.post(`/api/v1/assignments/${assignmentId}/approve`);
    expect(approved.statusCode).toBe(500);
    await sql`delete from outbox_fail_commit`.execute(db);

    // Neither the approval, nor its payment, nor its delivery happened.
    expect(await statusOf(assignmentId)).toBe('submitted');
    expect(await earnings(worker.client)).toEqual(before);
    expect(await deliveriesOf(assignmentId)).toEqual([
      { event: 'assignment.submitted', status: 'pending', attempts: 0 },
    ]);

    // Tried again without the failure, it commits with its delivery.
    const again = await requester.client.post(`/api/v1/assignments/${assignmentId}/approve`);
    expect(again.statusCode, again.body).toBe(200);
    expect((await deliveriesOf(assignmentId)).map((d) => d.event)).toEqual([
      'assignment.approved',
      'assignment.submitted',
    ]);
  });

  it('a submission that fails as it commits leaves no delivery and can be submitted again', async () => {
    const requester = await signUpRequester(app);
    await createWebhook(requester.client, ['assignment.submitted']);
    const { projectId } = await fundedProject(app, { requester, tasks: 1 });
    const worker = await signUp(app, { roles: ['worker'] });
    const assignmentId = await accept(worker, projectId);
    await sql`insert into outbox_fail_commit values (${assignmentId})`.execute(db);
    await expect(submit(worker, assignmentId)).rejects.toThrow(/submit failed/);
    await sql`delete from outbox_fail_commit`.execute(db);
    expect(await deliveriesOf(assignmentId)).toEqual([]);
    expect(await statusOf(assignmentId)).toBe('accepted');

    await submit(worker, assignmentId);
    expect(await deliveriesOf(assignmentId)).toEqual([
      { event: 'assignment.submitted', status: 'pending', attempts: 0 },
    ]);
  });

  it('project.finished is queued in the transaction that completes the project', async () => {
    const requester = await signUpRequester(app);
    const webhook = await createWebhook(requester.client, ['project.finished']);
    const { projectId } = await fundedProject(app, { requester, tasks: 1 });
    const worker = await signUp(app, { roles: ['worker'] });
    const assignmentId = await accept(worker, projectId);
    await submit(worker, assignmentId);
    const approved = await requester.client.post(`/api/v1/assignments/${assignmentId}/approve`);
    expect(approved.statusCode, approved.body).toBe(200);
    // Every slot approved: the settlement completes the project, in a transaction that fails
    // first (nothing queued) and then commits (queued with it).
    const services = createServices({ db, clock, config: ctx.config });
    await sql`
      create function outbox_fail_project() returns trigger language plpgsql as $$
      begin raise exception 'simulated failure as the project completes'; end $$`.execute(db);
    await sql`
      create constraint trigger outbox_fail_project after update on projects
      deferrable initially deferred for each row
      when (new.status = 'completed') execute function outbox_fail_project()`.execute(db);
    await expect(services.review.settlement.sweep()).rejects.toThrow(/simulated failure/);
    await sql`drop trigger outbox_fail_project on projects`.execute(db);
    const none = await db
      .selectFrom('webhook_deliveries')
      .select('event')
      .where('webhook_id', '=', webhook.id)
      .execute();
    expect(none).toEqual([]);

    expect(await services.review.settlement.sweep()).toBeGreaterThanOrEqual(1);
    const finished = await db
      .selectFrom('webhook_deliveries')
      .select(['event', 'body'])
      .where('webhook_id', '=', webhook.id)
      .execute();
    expect(finished.map((d) => [d.event, JSON.parse(d.body).data])).toEqual([
      ['project.finished', { projectId }],
    ]);
  });
});
