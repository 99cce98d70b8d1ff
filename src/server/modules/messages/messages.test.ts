import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '../../../../test/helpers/app.js';
import { createTestApp, signUp } from '../../../../test/helpers/app.js';
import { openLive, sessionCookie, type LiveClient } from '../../../../test/helpers/live.js';
import { accept, submit, type Worker } from '../../../../test/helpers/review.js';
import { publishedProject } from '../../../../test/helpers/work.js';
import { MESSAGE_LIMITS, type Thread, type ThreadView } from '../../../shared/api/messages.js';

// One of this suite's ports (29400–29499 belong to the messages suites).
const PORT = 29401;
const ctx = await createTestApp();
const { app, clock } = ctx;
const db = ctx.database.db;

beforeAll(async () => {
  await app.listen({ port: PORT, host: '127.0.0.1' });
});
const opened: LiveClient[] = [];
afterAll(() => opened.forEach((client) => client.close()));

/** A requester's project in which a worker holds one accepted assignment (and maybe submitted it). */
async function pair(options: { submitted?: boolean } = {}) {
  const { requester, projectId } = await publishedProject(app, { tasks: 3 });
  const worker = await signUp(app, { roles: ['worker'] });
  const assignmentId = await accept(worker, projectId);
  if (options.submitted) await submit(worker, assignmentId);
  return { requester, worker, projectId, assignmentId };
}

const send = (from: { client: Client }, body: Record<string, unknown>) =>
  from.client.post('/api/v1/messages', body);

async function threadsOf(who: { client: Client }) {
  const res = await who.client.get('/api/v1/me/threads');
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ items: Thread[]; nextCursor: string | null; unreadCount: number }>();
}

async function messageCount() {
  const row = await db
    .selectFrom('messages')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

async function notificationsOf(userId: string) {
  return db
    .selectFrom('notifications')
    .select(['kind', 'title', 'body', 'link'])
    .where('user_id', '=', userId)
    .where('kind', 'in', ['message_received', 'requester_message'])
    .execute();
}

describe('POST /api/v1/messages', () => {
  it('a worker writes to the requester whose task they hold; the requester answers in the same thread', async () => {
    const { requester, worker, projectId } = await pair();
    const first = await send(worker, {
      toUserId: requester.user.id,
      projectId,
      body: 'A question',
    });
    expect(first.statusCode, first.body).toBe(201);
    const { thread } = first.json<{ thread: Thread }>();
    expect(thread).toMatchObject({
      with: { id: requester.user.id },
      myRole: 'worker',
      project: { id: projectId },
      assignmentId: null,
      muted: false,
      unreadCount: 0,
      lastMessage: { body: 'A question', senderId: worker.user.id },
    });

    clock.advance(1_000);
    const reply = await send(requester, { toUserId: worker.user.id, projectId, body: 'An answer' });
    expect(reply.statusCode, reply.body).toBe(201);
    expect(reply.json<{ thread: Thread }>().thread.id).toBe(thread.id);

    const requesterThreads = await threadsOf(requester);
    expect(requesterThreads.items).toHaveLength(1);
    expect(requesterThreads.items[0]).toMatchObject({
      id: thread.id,
      myRole: 'requester',
      with: { id: worker.user.id },
      unreadCount: 1,
      lastMessage: { body: 'An answer' },
    });
    const workerThreads = await threadsOf(worker);
    expect(workerThreads.unreadCount).toBe(1);
    expect(workerThreads.items[0]?.unreadCount).toBe(1);

    expect(await notificationsOf(requester.user.id)).toEqual([
      expect.objectContaining({
        kind: 'message_received',
        body: 'A question',
        link: `/messages/${thread.id}`,
      }),
    ]);
  });

  it('keeps one thread per pair and subject: general, a project, an assignment', async () => {
    const { requester, worker, projectId, assignmentId } = await pair({ submitted: true });
    const to = { toUserId: requester.user.id };
    const general = await send(worker, { ...to, body: 'general' });
    const project = await send(worker, { ...to, projectId, body: 'project' });
    const assignment = await send(worker, { ...to, assignmentId, body: 'assignment' });
    const again = await send(worker, { ...to, assignmentId, projectId, body: 'again' });
    const ids = [general, project, assignment, again].map((res) => {
      expect(res.statusCode, res.body).toBe(201);
      return res.json<{ thread: Thread }>().thread;
    });
    expect(ids[0]).toMatchObject({ project: null, assignmentId: null });
    expect(ids[2]).toMatchObject({ project: { id: projectId }, assignmentId });
    expect(new Set(ids.map((t) => t.id)).size).toBe(3);
    expect(ids[3]?.id).toBe(ids[2]?.id);
  });

  it('refuses strangers, unknown accounts, oneself and unrelated subjects, changing nothing', async () => {
    const { requester, worker, projectId, assignmentId } = await pair();
    const stranger = await signUp(app, { roles: ['worker'] });
    const other = await pair();
    const before = await messageCount();
    const cases: [{ client: Client }, Record<string, unknown>, number][] = [
      [stranger, { toUserId: requester.user.id, body: 'hi' }, 403],
      [requester, { toUserId: stranger.user.id, body: 'hi' }, 403],
      [worker, { toUserId: '00000000-0000-4000-8000-000000000000', body: 'hi' }, 403],
      [worker, { toUserId: worker.user.id, body: 'me' }, 400],
      [worker, { toUserId: requester.user.id, projectId: other.projectId, body: 'hi' }, 403],
      [worker, { toUserId: requester.user.id, assignmentId: other.assignmentId, body: 'hi' }, 403],
      [other.requester, { toUserId: worker.user.id, assignmentId, body: 'hi' }, 403],
      [other.requester, { toUserId: worker.user.id, projectId, body: 'hi' }, 403],
      [worker, { toUserId: requester.user.id, body: '' }, 400],
      [worker, { toUserId: requester.user.id, body: '   \n ' }, 400],
      [worker, { toUserId: requester.user.id, body: 'x'.repeat(MESSAGE_LIMITS.bodyMax + 1) }, 400],
      [worker, { toUserId: 'not-an-id', body: 'hi' }, 400],
      [worker, { toUserId: requester.user.id, body: 'hi', extra: true }, 400],
    ];
    for (const [from, body, status] of cases) {
      const res = await send(from, body);
      expect(res.statusCode, `${JSON.stringify(body).slice(0, 80)} → ${res.body}`).toBe(status);
      expect(res.json<{ error: { message: string } }>().error.message).toBeTruthy();
    }
    expect(await messageCount()).toBe(before);
    expect((await threadsOf(stranger)).items).toEqual([]);
  });

  it('lets a worker who gave the task back write no longer, but one who did it still can', async () => {
    const { requester, worker, projectId, assignmentId } = await pair();
    const returned = await worker.client.post(`/api/v1/assignments/${assignmentId}/return`);
    expect(returned.statusCode, returned.body).toBe(200);
    const refused = await send(worker, { toUserId: requester.user.id, projectId, body: 'hi' });
    expect(refused.statusCode).toBe(403);

    const done = await pair({ submitted: true });
    const ok = await send(done.worker, { toUserId: done.requester.user.id, body: 'done it' });
    expect(ok.statusCode, ok.body).toBe(201);
    const back = await send(done.requester, { toUserId: done.worker.user.id, body: 'thanks' });
    expect(back.statusCode, back.body).toBe(201);
  });

  it('limits sends per minute with a 429 and Retry-After, and frees them as the minute passes', async () => {
    const { requester, worker } = await pair();
    const to = { toUserId: requester.user.id };
    for (let i = 0; i < MESSAGE_LIMITS.sendsPerMinute; i++) {
      const res = await send(worker, { ...to, body: `message ${i}` });
      expect(res.statusCode, res.body).toBe(201);
      clock.advance(1_000);
    }
    const before = await messageCount();
    const limited = await send(worker, { ...to, body: 'one too many' });
    expect(limited.statusCode).toBe(429);
    expect(limited.json<{ error: { code: string } }>().error.code).toBe('too_many_messages');
    // The first send was 10 s ago: it leaves the window in 50 s.
    expect(limited.headers['retry-after']).toBe('50');
    expect(await messageCount()).toBe(before);
    // The recipient is not limited by the sender's flood.
    expect(
      (await send(requester, { toUserId: worker.user.id, body: 'slow down' })).statusCode,
    ).toBe(201);

    clock.advance(50_000);
    expect((await send(worker, { ...to, body: 'later' })).statusCode).toBe(201);
  });

  it('stores script as text and answers it as written', async () => {
    const { requester, worker } = await pair();
    const body = '<script>alert(1)</script> **bold**';
    const res = await send(worker, { toUserId: requester.user.id, body });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json<{ message: { body: string } }>().message.body).toBe(body);
  });
});

describe('GET /api/v1/threads/{id}', () => {
  it('shows the messages newest first in pages, marks them read, and is nobody else’s to read', async () => {
    const { requester, worker } = await pair();
    let threadId = '';
    for (let i = 0; i < 5; i++) {
      const res = await send(requester, { toUserId: worker.user.id, body: `m${i}` });
      threadId = res.json<{ thread: Thread }>().thread.id;
      clock.advance(1_000);
    }
    expect((await threadsOf(worker)).unreadCount).toBe(5);

    const first = await worker.client.get(`/api/v1/threads/${threadId}?limit=3`);
    expect(first.statusCode, first.body).toBe(200);
    const view = first.json<ThreadView>();
    expect(view.messages.map((m) => m.body)).toEqual(['m4', 'm3', 'm2']);
    expect(view.thread.unreadCount).toBe(0);
    const rest = await worker.client.get(
      `/api/v1/threads/${threadId}?limit=3&cursor=${view.nextCursor}`,
    );
    expect(rest.json<ThreadView>().messages.map((m) => m.body)).toEqual(['m1', 'm0']);
    expect(rest.json<ThreadView>().nextCursor).toBeNull();

    expect((await threadsOf(worker)).unreadCount).toBe(0);
    const unread = await worker.client.get('/api/v1/me/threads/unread-count');
    expect(unread.json()).toEqual({ unreadCount: 0 });
    // The sender's own messages were never unread to them.
    expect((await threadsOf(requester)).unreadCount).toBe(0);

    const stranger = await signUp(app, { roles: ['worker', 'requester'] });
    for (const path of [`/api/v1/threads/${threadId}`, `/api/v1/threads/${crypto.randomUUID()}`]) {
      expect((await stranger.client.get(path)).statusCode).toBe(404);
    }
    const mute = await stranger.client.put(`/api/v1/threads/${threadId}/mute`, { muted: true });
    expect(mute.statusCode).toBe(404);
    expect((await worker.client.get(`/api/v1/threads/${threadId}?cursor=bogus`)).statusCode).toBe(
      400,
    );
  });
});

describe('muting', () => {
  it('stops notifications for the side that muted, not for the other, until unmuted', async () => {
    const { requester, worker } = await pair();
    const first = await send(requester, { toUserId: worker.user.id, body: 'one' });
    const threadId = first.json<{ thread: Thread }>().thread.id;
    expect(await notificationsOf(worker.user.id)).toHaveLength(1);

    const muted = await worker.client.put(`/api/v1/threads/${threadId}/mute`, { muted: true });
    expect(muted.statusCode, muted.body).toBe(200);
    expect((await threadsOf(worker)).items[0]?.muted).toBe(true);
    expect((await threadsOf(requester)).items[0]?.muted).toBe(false);
    await send(requester, { toUserId: worker.user.id, body: 'two' });
    expect(await notificationsOf(worker.user.id)).toHaveLength(1);
    // Still delivered and counted unread.
    expect((await threadsOf(worker)).unreadCount).toBe(2);
    await send(worker, { toUserId: requester.user.id, body: 'back' });
    expect(await notificationsOf(requester.user.id)).toHaveLength(1);

    await worker.client.put(`/api/v1/threads/${threadId}/mute`, { muted: false });
    await send(requester, { toUserId: worker.user.id, body: 'three' });
    expect(await notificationsOf(worker.user.id)).toHaveLength(2);
    const bad = await worker.client.put(`/api/v1/threads/${threadId}/mute`, { muted: 'yes' });
    expect(bad.statusCode).toBe(400);
  });
});

describe('POST /api/v1/projects/{id}/messages (broadcast)', () => {
  it('reaches every worker who did or holds work in the project, each in their thread, once', async () => {
    const { requester, projectId } = await publishedProject(app, { tasks: 4 });
    const holder = await signUp(app, { roles: ['worker'] });
    const doer = await signUp(app, { roles: ['worker'] });
    const quitter = await signUp(app, { roles: ['worker'] });
    await accept(holder, projectId);
    await submit(doer, await accept(doer, projectId));
    await submit(doer, await accept(doer, projectId));
    const gaveBack = await accept(quitter, projectId);
    await quitter.client.post(`/api/v1/assignments/${gaveBack}/return`);

    const res = await requester.client.post(`/api/v1/projects/${projectId}/messages`, {
      body: 'New batch on Monday',
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toEqual({ recipients: 2 });
    for (const worker of [holder, doer]) {
      const { items } = await threadsOf(worker);
      expect(items).toHaveLength(1);
      expect(items[0]).toMatchObject({
        project: { id: projectId },
        unreadCount: 1,
        lastMessage: { body: 'New batch on Monday' },
      });
      expect(await notificationsOf(worker.user.id)).toHaveLength(1);
    }
    expect((await threadsOf(quitter)).items).toEqual([]);
    expect((await threadsOf(requester)).items).toHaveLength(2);
  });

  it('is the owner’s alone (404 otherwise), needs a body, and counts as one send', async () => {
    const { requester, worker, projectId } = await pair();
    const other = await signUp(app, { roles: ['requester'] });
    const before = await messageCount();
    const cases: [{ client: Client }, Record<string, unknown>, number][] = [
      [other, { body: 'hi' }, 404],
      [worker, { body: 'hi' }, 403],
      [requester, { body: '' }, 400],
      [requester, { body: 'x'.repeat(MESSAGE_LIMITS.bodyMax + 1) }, 400],
    ];
    for (const [from, body, status] of cases) {
      const res = await from.client.post(`/api/v1/projects/${projectId}/messages`, body);
      expect(res.statusCode, res.body).toBe(status);
    }
    expect(await messageCount()).toBe(before);
    const unknown = await requester.client.post(
      `/api/v1/projects/${crypto.randomUUID()}/messages`,
      { body: 'hi' },
    );
    expect(unknown.statusCode).toBe(404);

    for (let i = 0; i < MESSAGE_LIMITS.sendsPerMinute; i++) {
      const res = await requester.client.post(`/api/v1/projects/${projectId}/messages`, {
        body: `b${i}`,
      });
      expect(res.statusCode, res.body).toBe(201);
    }
    const limited = await requester.client.post(`/api/v1/projects/${projectId}/messages`, {
      body: 'flood',
    });
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
  });
});

describe('live delivery', () => {
  it('tells the recipient’s open client (and the sender’s) of a new message, and no one else', async () => {
    const { requester, worker } = await pair();
    const stranger = await signUp(app, { roles: ['worker'] });
    const ORIGIN = `http://127.0.0.1:${PORT}`;
    const WS_URL = `ws://127.0.0.1:${PORT}/api/v1/ws`;
    const open = async (who: Worker) => {
      const client = await openLive(WS_URL, {
        headers: { cookie: sessionCookie(who.client), origin: ORIGIN },
      });
      opened.push(client);
      return client;
    };
    const [toRequester, toWorker, toStranger] = [
      await open(requester),
      await open(worker),
      await open(stranger),
    ];
    const res = await send(worker, { toUserId: requester.user.id, body: 'live?' });
    const { thread, message } = res.json<{ thread: Thread; message: { id: string } }>();
    const expected = { type: 'message.created', threadId: thread.id, messageId: message.id };
    expect(await toRequester.waitFor((m) => m.type === 'message.created', 'message')).toEqual(
      expected,
    );
    expect(await toWorker.waitFor((m) => m.type === 'message.created', 'message')).toEqual(
      expected,
    );
    // A later message to the stranger's own socket shows theirs received nothing of this one.
    const mine = await pair();
    await send(mine.requester, { toUserId: mine.worker.user.id, body: 'x' });
    expect(toStranger.messages.filter((m) => m.type === 'message.created')).toEqual([]);
  });
});
