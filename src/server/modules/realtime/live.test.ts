import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signUp } from '../../../../test/helpers/app.js';
import {
  accessToken,
  openLive,
  rejectionStatus,
  sessionCookie,
  type LiveClient,
} from '../../../../test/helpers/live.js';
import { signUpRequester } from '../../../../test/helpers/projects.js';
import { accept, fundedProject, submit } from '../../../../test/helpers/review.js';
import type { LiveMessage } from '../../../shared/live-events.js';

// One of this suite's ports (22000–22999 belong to the live-events suites).
const PORT = 22101;
const ctx = await createTestApp();
const { app } = ctx;
const ORIGIN = `http://127.0.0.1:${PORT}`;
const WS_URL = `ws://127.0.0.1:${PORT}/api/v1/ws`;

beforeAll(async () => {
  await app.listen({ port: PORT, host: '127.0.0.1' });
});

const opened: LiveClient[] = [];
afterAll(() => opened.forEach((client) => client.close()));

async function live(headers: Record<string, string>) {
  const client = await openLive(WS_URL, { headers });
  opened.push(client);
  return client;
}

const ofType = (type: LiveMessage['type']) => (m: LiveMessage) => m.type === type;
const about = (projectId: string) => (m: LiveMessage) =>
  'projectId' in m && m.projectId === projectId;

describe('GET /api/v1/ws authentication', () => {
  it('refuses an upgrade without credentials (401) or with a bad token', async () => {
    expect(await rejectionStatus(WS_URL)).toBe(401);
    expect(await rejectionStatus(`${WS_URL}?access_token=tsr_pat_nonsense`)).toBe(401);
    expect(await rejectionStatus(WS_URL, { authorization: 'Bearer tsr_pat_nonsense' })).toBe(401);
  });

  it('takes the session cookie only from this site’s own pages', async () => {
    const { client } = await signUp(app);
    const cookie = sessionCookie(client);
    expect(await rejectionStatus(WS_URL, { cookie, origin: 'https://evil.example' })).toBe(403);
    expect(await rejectionStatus(WS_URL, { cookie })).toBe(403);
    const ok = await live({ cookie, origin: ORIGIN });
    expect(ok.messages).toEqual([{ type: 'ready' }]);
  });

  it('takes a token in the Authorization header or the access_token parameter', async () => {
    const { client } = await signUp(app);
    const token = await accessToken(client, ['work:read']);
    await live({ authorization: `Bearer ${token}` });
    const viaQuery = await openLive(`${WS_URL}?access_token=${token}`);
    opened.push(viaQuery);
    expect(viaQuery.messages[0]).toEqual({ type: 'ready' });
  });

  it('refuses a token with no scope that any live event needs (403)', async () => {
    const { client } = await signUp(app);
    const token = await accessToken(client, ['money:read']);
    expect(await rejectionStatus(WS_URL, { authorization: `Bearer ${token}` })).toBe(403);
  });
});

describe('who receives what', () => {
  it('tells a worker about their own assignment and notifications, never another worker’s', async () => {
    const { requester, projectId } = await fundedProject(app, { tasks: 4 });
    const alice = await signUp(app, { roles: ['worker'] });
    const bob = await signUp(app, { roles: ['worker'] });
    const aliceLive = await live({ cookie: sessionCookie(alice.client), origin: ORIGIN });
    const bobLive = await live({ cookie: sessionCookie(bob.client), origin: ORIGIN });

    const bobsWork = await accept(bob, projectId);
    await submit(bob, bobsWork);
    const approved = await requester.client.post(`/api/v1/assignments/${bobsWork}/approve`, {});
    expect(approved.statusCode).toBe(200);

    await bobLive.waitFor(
      (m) => m.type === 'assignment.updated' && m.status === 'approved',
      'approval',
    );
    await bobLive.waitFor(ofType('notification.created'), 'notification');
    // Alice's own change comes after Bob's on the same bus: once she has it, she has seen all
    // that was ever going to reach her from Bob's work.
    const alicesWork = await accept(alice, projectId);
    await aliceLive.waitFor(
      (m) => m.type === 'assignment.updated' && m.assignmentId === alicesWork,
      'her own assignment',
    );
    const leaked = aliceLive.messages.filter(
      (m) =>
        m.type === 'notification.created' ||
        (m.type === 'assignment.updated' && m.assignmentId === bobsWork),
    );
    expect(leaked).toEqual([]);
    // Marketplace hints reach every worker, and carry no more than the project and the change.
    const hint = await aliceLive.waitFor(ofType('feed.changed'), 'feed hint');
    expect(Object.keys(hint).sort()).toEqual(['change', 'projectId', 'type']);
  });

  it('tells a requester about progress on their own project only', async () => {
    const mine = await fundedProject(app, { tasks: 2 });
    const theirs = await fundedProject(app, { tasks: 2 });
    const mineLive = await live({ cookie: sessionCookie(mine.requester.client), origin: ORIGIN });
    const theirsLive = await live({
      cookie: sessionCookie(theirs.requester.client),
      origin: ORIGIN,
    });
    const worker = await signUp(app, { roles: ['worker'] });

    await submit(worker, await accept(worker, mine.projectId));
    await mineLive.waitFor(
      (m) => m.type === 'project.progress' && m.change === 'submitted' && about(mine.projectId)(m),
      'progress of own project',
    );
    await submit(worker, await accept(worker, theirs.projectId));
    await theirsLive.waitFor(
      (m) => m.type === 'project.progress' && m.change === 'submitted',
      'progress of the other project',
    );
    expect(mineLive.messages.filter(about(theirs.projectId))).toEqual([]);
    expect(theirsLive.messages.filter(about(mine.projectId))).toEqual([]);
  });

  it('sends a token only the kinds of event its scopes cover', async () => {
    const { requester, projectId } = await fundedProject(app, { tasks: 2 });
    const worker = await signUp(app, { roles: ['worker'] });
    const profileOnly = await live({
      authorization: `Bearer ${await accessToken(worker.client, ['profile'])}`,
    });
    const assignmentId = await accept(worker, projectId);
    await submit(worker, assignmentId);
    await requester.client.post(`/api/v1/assignments/${assignmentId}/approve`, {});
    await profileOnly.waitFor(ofType('notification.created'), 'notification');
    expect(profileOnly.messages.map((m) => m.type)).toEqual(['ready', 'notification.created']);
  });

  it('gives a requester without the worker role no marketplace hints', async () => {
    const requester = await signUpRequester(app);
    const requesterLive = await live({
      cookie: sessionCookie(requester.client),
      origin: ORIGIN,
    });
    const { projectId } = await fundedProject(app, { requester, tasks: 1 });
    const worker = await signUp(app, { roles: ['worker'] });
    await submit(worker, await accept(worker, projectId));
    await requesterLive.waitFor(
      (m) => m.type === 'project.progress' && m.change === 'submitted',
      'progress',
    );
    expect(requesterLive.messages.filter(ofType('feed.changed'))).toEqual([]);
  });
});

describe('connection upkeep', () => {
  it('counts connected clients and delivered events in /metrics', async () => {
    const { client } = await signUp(app);
    await live({ cookie: sessionCookie(client), origin: ORIGIN });
    const metrics = (await app.inject({ method: 'GET', url: '/metrics' })).body;
    expect(metrics).toMatch(/^tessera_live_connections [1-9]\d*$/m);
    expect(metrics).toMatch(/^tessera_live_events_delivered_total\{type="feed.changed"\} [1-9]/m);
  });

  it('closes every client with 1001 going-away on closeAll', async () => {
    const { client } = await signUp(app);
    const socket = await live({ cookie: sessionCookie(client), origin: ORIGIN });
    app.live.closeAll();
    expect((await socket.closed).code).toBe(1001);
    expect(app.live.clientCount()).toBe(0);
  });
});
