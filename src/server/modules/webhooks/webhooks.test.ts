import { sql } from 'kysely';
import { Webhook } from 'standardwebhooks';
import { describe, expect, it, vi } from 'vitest';
import type { Client } from '../../../../test/helpers/app.js';
import { createTestApp, signUp } from '../../../../test/helpers/app.js';
import { signUpRequester } from '../../../../test/helpers/projects.js';
import { accept, fundedProject, submit } from '../../../../test/helpers/review.js';
import { startWebhookReceiver } from '../../../../test/helpers/webhook-receiver.js';
import { WEBHOOK_LIMITS } from '../../../shared/api/webhooks.js';
import { createWebhooksModule } from './webhooks.module.js';

// Receivers on this machine: the operator setting that allows private targets is on here (the
// refusals are in webhook-guard.test.ts).
const ctx = await createTestApp({ env: { WEBHOOKS_ALLOW_PRIVATE_TARGETS: 'true' } });
const { app, clock } = ctx;
const { db } = ctx.database;
const receiver = await startWebhookReceiver(22810);
// The sweep the server runs, called directly over the same database and clock.
const { service: sweeper } = createWebhooksModule({
  db,
  clock,
  config: ctx.config,
  allowPrivateTargets: true,
});

type Delivery = {
  id: string;
  messageId: string;
  event: string;
  status: string;
  attempts: number;
  lastStatusCode: number | null;
  lastResponse: string | null;
  lastError: string | null;
  nextAttemptAt: string | null;
};

async function createWebhook(client: Client, body: Record<string, unknown> = {}) {
  const res = await client.post('/api/v1/webhooks', {
    url: receiver.url,
    events: ['assignment.submitted'],
    ...body,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ id: string; secret: string }>();
}

async function deliveries(client: Client, webhookId: string): Promise<Delivery[]> {
  const res = await client.get(`/api/v1/webhooks/${webhookId}/deliveries`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ items: Delivery[] }>().items;
}

/** A submission to the requester's project, and the delivery it queued (once it is queued). */
async function queuedSubmission(requester: Awaited<ReturnType<typeof signUpRequester>>) {
  const webhook = await createWebhook(requester.client);
  const { projectId } = await fundedProject(app, { requester, tasks: 1 });
  const worker = await signUp(app, { roles: ['worker'] });
  await submit(worker, await accept(worker, projectId));
  // Queued in the submission's own transaction (webhook-outbox.ts): there once submit answers.
  const [delivery] = await vi.waitFor(async () => {
    const items = await deliveries(requester.client, webhook.id);
    expect(items).toHaveLength(1);
    return items;
  });
  return { webhook, delivery: delivery!, projectId };
}

/**
 * Verifies a received message as a receiver would, against real time (Standard Webhooks refuses
 * timestamps more than 5 minutes off): tests that verify first set the test clock to now.
 */
function verified(secret: string, index: number) {
  const message = receiver.received[index]!;
  return new Webhook(secret).verify(message.body, message.headers as Record<string, string>);
}

describe('managing webhooks', () => {
  it('creates one with its secret shown once, lists, gets and deletes it', async () => {
    const { client } = await signUpRequester(app);
    const created = await client.post('/api/v1/webhooks', {
      url: receiver.url,
      events: ['assignment.submitted', 'task.reviewable'],
      description: 'Review queue',
    });
    expect(created.statusCode).toBe(201);
    const body = created.json();
    expect(body).toMatchObject({
      url: receiver.url,
      events: ['assignment.submitted', 'task.reviewable'],
      description: 'Review queue',
    });
    expect(body.secret).toMatch(/^whsec_[A-Za-z0-9+/=]{32}$/);

    const listed = (await client.get('/api/v1/webhooks')).json();
    expect(listed.items).toHaveLength(1);
    expect(listed.items[0]).not.toHaveProperty('secret');
    const one = await client.get(`/api/v1/webhooks/${body.id}`);
    expect(one.json()).toEqual(listed.items[0]);

    expect((await client.delete(`/api/v1/webhooks/${body.id}`)).statusCode).toBe(200);
    expect((await client.get(`/api/v1/webhooks/${body.id}`)).statusCode).toBe(404);
    expect((await client.get('/api/v1/webhooks')).json().items).toEqual([]);
  });

  it('pages the list with a cursor', async () => {
    const { client } = await signUpRequester(app);
    for (let i = 0; i < 3; i++) {
      clock.advance(1_000);
      await createWebhook(client, { description: `hook ${i}` });
    }
    const first = (await client.get('/api/v1/webhooks?limit=2')).json();
    expect(first.items.map((w: { description: string }) => w.description)).toEqual([
      'hook 2',
      'hook 1',
    ]);
    const rest = (await client.get(`/api/v1/webhooks?limit=2&cursor=${first.nextCursor}`)).json();
    expect(rest.items.map((w: { description: string }) => w.description)).toEqual(['hook 0']);
    expect(rest.nextCursor).toBeNull();
  });

  it('refuses bad input with 400 naming the field, and stores nothing', async () => {
    const { client } = await signUpRequester(app);
    const bad: [Record<string, unknown>, string][] = [
      [{ url: 'not a url', events: ['ping'] }, 'body.url'],
      [
        { url: `https://a.example.com/${'x'.repeat(WEBHOOK_LIMITS.urlMax)}`, events: ['ping'] },
        'body.url',
      ],
      [{ url: 'ftp://127.0.0.1/hook', events: ['ping'] }, 'body.url'],
      [{ url: receiver.url, events: [] }, 'body.events'],
      [{ url: receiver.url, events: ['assignment.exploded'] }, 'body.events.0'],
      [{ url: receiver.url, events: ['ping', 'ping'] }, 'body.events'],
      [{ url: receiver.url, events: ['ping'], secret: 'mine' }, 'body'],
    ];
    for (const [body, path] of bad) {
      const res = await client.post('/api/v1/webhooks', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.details[0].path).toBe(path);
    }
    expect((await client.get('/api/v1/webhooks')).json().items).toEqual([]);
  });

  it(`allows at most ${WEBHOOK_LIMITS.perUser} webhooks per account`, async () => {
    const { client } = await signUpRequester(app);
    for (let i = 0; i < WEBHOOK_LIMITS.perUser; i++) await createWebhook(client);
    const res = await client.post('/api/v1/webhooks', { url: receiver.url, events: ['ping'] });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('too_many_webhooks');
    expect((await client.get('/api/v1/webhooks?limit=100')).json().items).toHaveLength(
      WEBHOOK_LIMITS.perUser,
    );
  });

  it('never shows or changes another requester’s webhook, nor lets a worker in', async () => {
    const owner = await signUpRequester(app);
    const stranger = await signUpRequester(app);
    const worker = await signUp(app, { roles: ['worker'] });
    const { id } = await createWebhook(owner.client);
    const before = receiver.received.length;
    for (const path of [`/api/v1/webhooks/${id}`, `/api/v1/webhooks/${id}/deliveries`]) {
      expect((await stranger.client.get(path)).statusCode).toBe(404);
      expect((await worker.client.get(path)).statusCode).toBe(403);
    }
    expect((await stranger.client.post(`/api/v1/webhooks/${id}/test`)).statusCode).toBe(404);
    expect((await stranger.client.delete(`/api/v1/webhooks/${id}`)).statusCode).toBe(404);
    expect((await stranger.client.get('/api/v1/webhooks')).json().items).toEqual([]);
    expect(receiver.received.length).toBe(before);
    expect((await owner.client.get(`/api/v1/webhooks/${id}`)).statusCode).toBe(200);
  });
});

describe('a test send', () => {
  it('POSTs a ping signed with the webhook’s secret and answers the outcome', async () => {
    clock.set(new Date());
    const { client } = await signUpRequester(app);
    const { id, secret } = await createWebhook(client);
    receiver.answerWith(200, 'pong');
    const before = receiver.received.length;
    const res = await client.post(`/api/v1/webhooks/${id}/test`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      event: 'ping',
      status: 'delivered',
      attempts: 1,
      lastStatusCode: 200,
      lastResponse: 'pong',
      lastError: null,
      nextAttemptAt: null,
    });
    expect(receiver.received.length).toBe(before + 1);
    expect(verified(secret, before)).toMatchObject({ type: 'ping', data: { webhookId: id } });
    expect(receiver.received[before]!.headers['webhook-id']).toBe(res.json().messageId);
    // Another secret does not verify it.
    const other = await createWebhook(client);
    expect(() => verified(other.secret, before)).toThrow();
    expect((await deliveries(client, id)).map((d) => d.id)).toEqual([res.json().id]);
  });

  it('is tried once: a receiver error fails it, with the answer kept (first KiB)', async () => {
    const { client } = await signUpRequester(app);
    const { id } = await createWebhook(client);
    receiver.answerWith(503, 'x'.repeat(5_000));
    const res = (await client.post(`/api/v1/webhooks/${id}/test`)).json();
    expect(res).toMatchObject({ status: 'failed', attempts: 1, lastStatusCode: 503 });
    expect(res.lastResponse).toBe('x'.repeat(WEBHOOK_LIMITS.responseBodyMax));
    clock.advance(60 * 60_000);
    await sweeper.sweepDue();
    expect((await deliveries(client, id))[0]).toMatchObject({ status: 'failed', attempts: 1 });
  });
});

describe('deliveries of events', () => {
  it('sends assignment.submitted and task.reviewable to the requester’s subscribed webhooks', async () => {
    clock.set(new Date());
    const requester = await signUpRequester(app);
    const all = await createWebhook(requester.client, {
      events: ['assignment.accepted', 'assignment.submitted', 'task.reviewable'],
    });
    const approvalsOnly = await createWebhook(requester.client, {
      events: ['assignment.approved'],
    });
    const { projectId } = await fundedProject(app, { requester, tasks: 1 });
    const worker = await signUp(app, { roles: ['worker'] });
    const assignmentId = await accept(worker, projectId);
    await submit(worker, assignmentId);
    const queued = await vi.waitFor(async () => {
      const items = await deliveries(requester.client, all.id);
      expect(items).toHaveLength(3);
      return items;
    });
    expect(queued.map((d) => d.event).sort()).toEqual([
      'assignment.accepted',
      'assignment.submitted',
      'task.reviewable',
    ]);
    expect(await deliveries(requester.client, approvalsOnly.id)).toEqual([]);

    receiver.answerWith(204);
    const before = receiver.received.length;
    while ((await sweeper.sweepDue()) > 0);
    const sent = receiver.received.slice(before).map((_, i) => verified(all.secret, before + i));
    expect(sent).toContainEqual(
      expect.objectContaining({
        type: 'assignment.submitted',
        data: {
          assignmentId,
          projectId,
          taskId: expect.any(String),
          workerId: worker.user.id,
          status: 'submitted',
        },
      }),
    );
    expect(sent).toContainEqual(
      expect.objectContaining({
        type: 'task.reviewable',
        data: expect.objectContaining({ projectId }),
      }),
    );
    const after = await deliveries(requester.client, all.id);
    expect(after.every((d) => d.status === 'delivered' && d.lastStatusCode === 204)).toBe(true);
  });

  it('retries 5xx with growing waits and the same webhook-id, then delivers', async () => {
    const requester = await signUpRequester(app);
    const { webhook, delivery } = await queuedSubmission(requester);
    receiver.answerWith(500, 'down');
    const before = receiver.received.length;
    await sweeper.sweepDue();
    let [now] = await deliveries(requester.client, webhook.id);
    expect(now).toMatchObject({ status: 'pending', attempts: 1, lastStatusCode: 500 });
    const firstWait = Date.parse(now!.nextAttemptAt!) - clock.now().getTime();
    expect(firstWait).toBeGreaterThanOrEqual(24_000);
    expect(firstWait).toBeLessThanOrEqual(36_000);

    // Not due yet: nothing is sent.
    expect(await sweeper.sweepDue()).toBe(0);
    clock.advance(firstWait);
    receiver.answerWith(503);
    await sweeper.sweepDue();
    [now] = await deliveries(requester.client, webhook.id);
    expect(now).toMatchObject({ status: 'pending', attempts: 2 });
    const secondWait = Date.parse(now!.nextAttemptAt!) - clock.now().getTime();
    expect(secondWait).toBeGreaterThanOrEqual(48_000);
    expect(secondWait).toBeLessThanOrEqual(72_000);

    clock.advance(secondWait);
    receiver.answerWith(200, 'thanks');
    await sweeper.sweepDue();
    [now] = await deliveries(requester.client, webhook.id);
    expect(now).toMatchObject({
      status: 'delivered',
      attempts: 3,
      lastStatusCode: 200,
      lastResponse: 'thanks',
      nextAttemptAt: null,
    });
    const ids = receiver.received.slice(before).map((m) => m.headers['webhook-id']);
    expect(ids).toEqual([delivery.messageId, delivery.messageId, delivery.messageId]);
  });

  it('retries 408 and 429 but fails other 4xx at once', async () => {
    for (const [status, expected] of [
      [408, 'pending'],
      [429, 'pending'],
      [410, 'failed'],
      [400, 'failed'],
    ] as const) {
      const requester = await signUpRequester(app);
      const { webhook } = await queuedSubmission(requester);
      receiver.answerWith(status);
      await sweeper.sweepDue();
      const [now] = await deliveries(requester.client, webhook.id);
      expect(now, String(status)).toMatchObject({ status: expected, attempts: 1 });
      expect(now!.nextAttemptAt === null, String(status)).toBe(expected === 'failed');
    }
  });

  it('keeps trying for a day after the event and then gives up', async () => {
    const requester = await signUpRequester(app);
    const { webhook } = await queuedSubmission(requester);
    const queuedAt = clock.now().getTime();
    receiver.answerWith(502);
    let now: Delivery | undefined;
    for (let i = 0; i < 100; i++) {
      await sweeper.sweepDue();
      [now] = await deliveries(requester.client, webhook.id);
      if (now!.status !== 'pending') break;
      clock.set(new Date(now!.nextAttemptAt!));
    }
    expect(now).toMatchObject({ status: 'failed', lastStatusCode: 502, nextAttemptAt: null });
    // Waits double up to a few hours: about a dozen attempts, the last one a day after the event.
    expect(now!.attempts).toBeGreaterThan(8);
    expect(now!.attempts).toBeLessThan(30);
    const row = await db
      .selectFrom('webhook_deliveries')
      .select(['last_attempt_at', 'give_up_at'])
      .where('id', '=', now!.id)
      .executeTakeFirstOrThrow();
    expect(row.last_attempt_at!.getTime()).toBe(queuedAt + 24 * 60 * 60_000);
    expect(row.give_up_at.getTime()).toBe(queuedAt + 24 * 60 * 60_000);
  });

  it('records a receiver that cannot be reached and retries it', async () => {
    const requester = await signUpRequester(app);
    const { webhook } = await queuedSubmission(requester);
    // Nothing listens on this port.
    await sql`update webhooks set url = 'http://127.0.0.1:22819/hook' where id = ${webhook.id}`.execute(
      db,
    );
    await sweeper.sweepDue();
    const [now] = await deliveries(requester.client, webhook.id);
    expect(now).toMatchObject({ status: 'pending', attempts: 1, lastStatusCode: null });
    expect(now!.lastError).toBe('ECONNREFUSED');
  });

  it('deleting a webhook deletes its queued deliveries', async () => {
    const requester = await signUpRequester(app);
    const { webhook } = await queuedSubmission(requester);
    await requester.client.delete(`/api/v1/webhooks/${webhook.id}`);
    const left = await db
      .selectFrom('webhook_deliveries')
      .select('id')
      .where('webhook_id', '=', webhook.id)
      .execute();
    expect(left).toEqual([]);
  });
});
