import { describe, expect, it } from 'vitest';
import { signInAsAdmin } from '../../../../test/helpers/admin.js';
import { Client, createTestApp, signUp } from '../../../../test/helpers/app.js';
import { createAccessKey } from '../../../../test/helpers/mturk.js';
import { signUpRequester } from '../../../../test/helpers/projects.js';
import { givePayoutMethod } from '../../../../test/helpers/review.js';
import { GOOD_ANSWERS, publishedProject } from '../../../../test/helpers/work.js';

/** The audit log (DESIGN §11): who did what to whom, when, and by which request. */
const ctx = await createTestApp();
const { app, clock } = ctx;

type Entry = {
  id: string;
  at: string;
  action: string;
  actor: { id: string; displayName: string | null } | null;
  subjectUser: { id: string; displayName: string | null } | null;
  target: { type: string; id: string } | null;
  requestId: string | null;
  details: Record<string, unknown>;
};

async function entries(client: Client, url: string): Promise<Entry[]> {
  const res = await client.get(url);
  if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
  return res.json<{ items: Entry[] }>().items;
}

const actions = (list: Entry[]) => list.map((entry) => entry.action);

/** Entries are newest first by time: each step of a test happens a second after the last. */
const tick = () => clock.advance(1_000);

describe('the audit log', () => {
  it('records a suspension and a reinstatement with the admin, the user and the request id', async () => {
    const admin = await signInAsAdmin(ctx);
    const { user } = await signUp(app);
    const suspended = await admin.client.post(`/api/v1/admin/users/${user.id}/suspend`);
    expect(suspended.statusCode).toBe(200);
    tick();
    const reinstated = await admin.client.post(`/api/v1/admin/users/${user.id}/reinstate`);
    expect(reinstated.statusCode).toBe(200);

    const list = await entries(admin.client, `/api/v1/admin/audit?subjectUserId=${user.id}`);
    expect(actions(list)).toEqual(['user.reinstated', 'user.suspended']);
    expect(list[1]).toMatchObject({
      actor: { id: admin.user.id, displayName: 'Admin' },
      subjectUser: { id: user.id },
      requestId: suspended.headers['x-request-id'],
    });
    expect(list[0]!.requestId).toBe(reinstated.headers['x-request-id']);
  });

  it('writes nothing for a change that was refused', async () => {
    const admin = await signInAsAdmin(ctx);
    const self = await admin.client.post(`/api/v1/admin/users/${admin.user.id}/suspend`);
    expect(self.statusCode).toBe(409);
    const { client, user } = await signUp(app);
    const missing = await client.delete('/api/v1/me/tokens/00000000-0000-4000-8000-000000000000');
    expect(missing.statusCode).toBe(404);

    expect(await entries(admin.client, `/api/v1/admin/audit?actorId=${admin.user.id}`)).toEqual([]);
    expect(await entries(client, '/api/v1/me/audit')).toEqual([]);
    expect(await entries(admin.client, `/api/v1/admin/audit?actorId=${user.id}`)).toEqual([]);
  });

  it('records tokens, access keys and apps made and deleted, never their secrets', async () => {
    const { client, user } = await signUpRequester(app);
    const token = await client.post('/api/v1/me/tokens', { name: 'laptop', scopes: ['profile'] });
    expect(token.statusCode).toBe(201);
    const tokenId = token.json<{ id: string }>().id;
    tick();
    expect((await client.delete(`/api/v1/me/tokens/${tokenId}`)).statusCode).toBe(200);
    tick();
    const key = await createAccessKey(client, 'boto3 loop');
    tick();
    const keyGone = await client.delete(`/api/v1/me/access-keys/${key.accessKeyId}`);
    expect(keyGone.statusCode).toBe(200);
    tick();
    const oauthApp = await client.post('/api/v1/oauth-clients', {
      name: 'Label sync',
      type: 'confidential',
      redirectUris: ['https://sync.example.com/callback'],
    });
    expect(oauthApp.statusCode).toBe(201);
    const appId = oauthApp.json<{ id: string }>().id;
    tick();
    expect((await client.post(`/api/v1/oauth-clients/${appId}/secret`)).statusCode).toBe(200);
    tick();
    expect((await client.delete(`/api/v1/oauth-clients/${appId}`)).statusCode).toBe(200);

    const mine = await entries(client, '/api/v1/me/audit');
    expect(actions(mine)).toEqual([
      'oauth_app.deleted',
      'oauth_app.secret_rotated',
      'oauth_app.created',
      'access_key.deleted',
      'access_key.created',
      'token.deleted',
      'token.created',
    ]);
    for (const entry of mine) {
      expect(entry.actor?.id).toBe(user.id);
      expect(entry.requestId).toMatch(/\S/);
    }
    expect(mine.find((e) => e.action === 'token.created')).toMatchObject({
      target: { type: 'token', id: tokenId },
      details: { name: 'laptop', scopes: ['profile'] },
    });
    expect(mine.find((e) => e.action === 'access_key.created')?.target).toEqual({
      type: 'access_key',
      id: key.accessKeyId,
    });
    expect(mine.find((e) => e.action === 'oauth_app.created')?.target).toEqual({
      type: 'oauth_app',
      id: appId,
    });
    const text = JSON.stringify(mine);
    expect(text).not.toContain(token.json<{ token: string }>().token);
    expect(text).not.toContain(key.secretAccessKey);
    expect(text).not.toContain(oauthApp.json<{ clientSecret: string }>().clientSecret);
  });

  it('records a role added, deposits, and a payout requested and paid', async () => {
    const admin = await signInAsAdmin(ctx);
    const { requester, projectId } = await publishedProject(app, { tasks: 1, rewardCents: 500 });
    const worker = await signUp(app, { roles: ['worker'] });
    const accepted = await worker.client.post(`/api/v1/projects/${projectId}/assignments`);
    const assignmentId = accepted.json<{ id: string }>().id;
    await worker.client.post(`/api/v1/assignments/${assignmentId}/submit`, {
      answers: GOOD_ANSWERS,
    });
    expect(
      (await requester.client.post(`/api/v1/assignments/${assignmentId}/approve`)).statusCode,
    ).toBe(200);
    await givePayoutMethod(worker.client);
    tick();
    const payout = await worker.client.post('/api/v1/me/payouts', {});
    expect(payout.statusCode).toBe(201);
    const payoutId = payout.json<{ id: string }>().id;
    tick();
    const paid = await admin.client.post(`/api/v1/admin/payouts/${payoutId}/mark-paid`, {
      reference: 'Transfer 77',
    });
    expect(paid.statusCode).toBe(200);
    tick();
    expect((await worker.client.post('/api/v1/me/roles', { role: 'requester' })).statusCode).toBe(
      200,
    );
    tick();
    const recorded = await admin.client.post('/api/v1/admin/deposits', {
      userId: worker.user.id,
      amountCents: 12_000,
      reference: `INV-${worker.user.id.slice(0, 8)}`,
    });
    expect(recorded.statusCode).toBe(201);

    const requesterSide = await entries(requester.client, '/api/v1/me/audit');
    expect(requesterSide.map((e) => [e.action, e.details.amountCents])).toContainEqual([
      'funds.deposited',
      1_000_000,
    ]);
    const workerSide = await entries(worker.client, '/api/v1/me/audit');
    expect(actions(workerSide)).toEqual([
      'funds.deposit_recorded',
      'user.role_added',
      'payout.paid',
      'payout.requested',
    ]);
    expect(workerSide[0]).toMatchObject({
      actor: { id: admin.user.id },
      subjectUser: { id: worker.user.id },
      details: { amountCents: 12_000 },
    });
    expect(workerSide[2]).toMatchObject({
      actor: { id: admin.user.id },
      target: { type: 'payout', id: payoutId },
      details: { amountCents: 500, reference: 'Transfer 77' },
    });
    expect(workerSide[1]!.details).toEqual({ role: 'requester' });
    // Adding a role one already has changes nothing, and says nothing.
    await worker.client.post('/api/v1/me/roles', { role: 'requester' });
    expect(await entries(worker.client, '/api/v1/me/audit')).toHaveLength(4);
  });

  it('lets admins search by action, a family of actions, actor and time, a page at a time', async () => {
    const admin = await signInAsAdmin(ctx);
    const start = clock.now();
    const users = [await signUp(app), await signUp(app), await signUp(app)];
    for (const { user } of users) {
      clock.advance(60_000);
      await admin.client.post(`/api/v1/admin/users/${user.id}/suspend`);
    }
    const byAdmin = `/api/v1/admin/audit?actorId=${admin.user.id}`;

    const first = await admin.client.get(`${byAdmin}&limit=2`);
    const page = first.json<{ items: Entry[]; nextCursor: string }>();
    expect(page.items.map((e) => e.subjectUser?.id)).toEqual([
      users[2]!.user.id,
      users[1]!.user.id,
    ]);
    const rest = await entries(
      admin.client,
      `${byAdmin}&limit=2&cursor=${encodeURIComponent(page.nextCursor)}`,
    );
    expect(rest.map((e) => e.subjectUser?.id)).toEqual([users[0]!.user.id]);

    expect(await entries(admin.client, `${byAdmin}&action=user.`)).toHaveLength(3);
    expect(await entries(admin.client, `${byAdmin}&action=user.suspended`)).toHaveLength(3);
    expect(await entries(admin.client, `${byAdmin}&action=user.reinstated`)).toEqual([]);
    expect(await entries(admin.client, `${byAdmin}&action=payout.`)).toEqual([]);
    const from = new Date(start.getTime() + 90_000).toISOString();
    const to = new Date(start.getTime() + 150_000).toISOString();
    const window = await entries(admin.client, `${byAdmin}&from=${from}&to=${to}`);
    expect(window.map((e) => e.subjectUser?.id)).toEqual([users[1]!.user.id]);
  });

  it('refuses a bad search with a clear 400, and keeps the log from non-admins', async () => {
    const admin = await signInAsAdmin(ctx);
    for (const [query, field] of [
      ['action=drop%20table', 'querystring.action'],
      ['actorId=nobody', 'querystring.actorId'],
      ['from=2026-12-06T10:00:00Z&to=2026-12-06T09:00:00Z', 'querystring.to'],
      ['from=yesterday', 'querystring.from'],
      ['cursor=not-a-cursor', 'querystring.cursor'],
    ] as const) {
      const res = await admin.client.get(`/api/v1/admin/audit?${query}`);
      expect(res.statusCode, query).toBe(400);
      expect(JSON.stringify(res.json().error.details), query).toContain(field);
    }
    const { client } = await signUp(app, { roles: ['worker', 'requester'] });
    expect((await client.get('/api/v1/admin/audit')).statusCode).toBe(403);
    expect((await new Client(app).get('/api/v1/me/audit')).statusCode).toBe(401);
  });

  it('shows each user their own entries only, including what was done to them', async () => {
    const admin = await signInAsAdmin(ctx);
    const a = await signUp(app);
    const b = await signUp(app);
    await a.client.post('/api/v1/me/tokens', { name: 'a-token', scopes: ['profile'] });
    await admin.client.post(`/api/v1/admin/users/${b.user.id}/suspend`);
    tick();
    await admin.client.post(`/api/v1/admin/users/${b.user.id}/reinstate`);
    await b.client.post('/api/v1/auth/login', {
      email: b.email,
      password: 'correct horse battery',
    });

    expect(actions(await entries(a.client, '/api/v1/me/audit'))).toEqual(['token.created']);
    const bSide = await entries(b.client, '/api/v1/me/audit');
    expect(actions(bSide)).toEqual(['user.reinstated', 'user.suspended']);
    expect(bSide[0]!.actor?.id).toBe(admin.user.id);
  });
});
