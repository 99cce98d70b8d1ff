import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { Client, createTestApp, signUp } from '../../../../test/helpers/app.js';
import { NOTIFICATION_LIMITS } from '../../../shared/api/notifications.js';
import { createNotificationsService, type NewNotification } from './notifications.service.js';

const ctx = await createTestApp();
const { app, clock } = ctx;
const { db } = ctx.database;
// The real service over the test database: the review module calls it the same way.
const notifications = createNotificationsService({ db, clock });

async function notify(userId: string, overrides: Partial<NewNotification> = {}) {
  clock.advance(1_000);
  return db.transaction().execute((trx) =>
    notifications.notify(trx, {
      userId,
      kind: 'assignment_approved',
      title: 'Your work was approved',
      ...overrides,
    }),
  );
}

async function tokenClient(client: Client, scopes: string[]) {
  const created = await client.post('/api/v1/me/tokens', { name: 'script', scopes });
  const bot = new Client(app);
  bot.bearer = created.json<{ token: string }>().token;
  return bot;
}

describe('listing notifications', () => {
  it('lists mine newest first with the unread count, pages with a cursor, and filters unread', async () => {
    const { client, user } = await signUp(app);
    const first = await notify(user.id, { title: 'First', body: 'Body one', link: '/my-work' });
    const second = await notify(user.id, { kind: 'bonus_received', title: 'Second' });
    const third = await notify(user.id, { kind: 'assignment_rejected', title: 'Third' });

    const page = await client.get('/api/v1/me/notifications?limit=2');
    expect(page.statusCode).toBe(200);
    const body = page.json();
    expect(body.unreadCount).toBe(3);
    expect(body.items.map((n: { id: string }) => n.id)).toEqual([third, second]);
    expect(body.items[0]).toMatchObject({
      kind: 'assignment_rejected',
      title: 'Third',
      body: '',
      link: null,
      readAt: null,
    });
    const rest = (
      await client.get(`/api/v1/me/notifications?limit=2&cursor=${body.nextCursor}`)
    ).json();
    expect(rest.items).toHaveLength(1);
    expect(rest.items[0]).toMatchObject({ id: first, body: 'Body one', link: '/my-work' });
    expect(rest.nextCursor).toBeNull();

    await client.post('/api/v1/me/notifications/read', { ids: [second] });
    const unread = (await client.get('/api/v1/me/notifications?unread=true')).json();
    expect(unread.items.map((n: { id: string }) => n.id)).toEqual([third, first]);
    expect(unread.unreadCount).toBe(2);
    const all = (await client.get('/api/v1/me/notifications')).json();
    expect(all.items).toHaveLength(3);
    expect(all.items[1].readAt).toBe(clock.now().toISOString());
  });

  it('never shows another user’s notifications', async () => {
    const a = await signUp(app);
    const b = await signUp(app);
    await notify(a.user.id, { title: 'For A only' });
    const page = (await b.client.get('/api/v1/me/notifications')).json();
    expect(page).toEqual({ items: [], nextCursor: null, unreadCount: 0 });
  });

  it('rejects a bad filter or cursor with 400 naming the field', async () => {
    const { client } = await signUp(app);
    const bad = await client.get('/api/v1/me/notifications?unread=maybe');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].path).toBe('querystring.unread');
    const cursor = await client.get('/api/v1/me/notifications?cursor=nonsense');
    expect(cursor.statusCode).toBe(400);
    expect(cursor.json().error.details[0].path).toBe('querystring.cursor');
    expect((await client.get('/api/v1/me/notifications?limit=0')).statusCode).toBe(400);
  });

  it('needs a signed-in caller with the profile scope, in any role', async () => {
    expect((await new Client(app).get('/api/v1/me/notifications')).statusCode).toBe(401);
    const requester = await signUp(app, { roles: ['requester'] });
    await notify(requester.user.id, { kind: 'project_finished', title: 'Project finished' });
    const withProfile = await tokenClient(requester.client, ['profile']);
    expect((await withProfile.get('/api/v1/me/notifications')).json().unreadCount).toBe(1);
    const withoutProfile = await tokenClient(requester.client, ['projects:read']);
    expect((await withoutProfile.get('/api/v1/me/notifications')).statusCode).toBe(403);
    expect(
      (await withoutProfile.post('/api/v1/me/notifications/read', { all: true })).statusCode,
    ).toBe(403);
  });
});

describe('marking notifications read', () => {
  it('marks the listed ones, then all, and says how many changed', async () => {
    const { client, user } = await signUp(app);
    const ids = [await notify(user.id), await notify(user.id), await notify(user.id)];
    const some = await client.post('/api/v1/me/notifications/read', { ids: [ids[0], ids[1]] });
    expect(some.statusCode).toBe(200);
    expect(some.json()).toEqual({ marked: 2, unreadCount: 1 });
    // Already read: nothing changes, the answer is still 200.
    const again = await client.post('/api/v1/me/notifications/read', { ids: [ids[0]] });
    expect(again.json()).toEqual({ marked: 0, unreadCount: 1 });
    const all = await client.post('/api/v1/me/notifications/read', { all: true });
    expect(all.json()).toEqual({ marked: 1, unreadCount: 0 });
  });

  it('silently ignores another user’s ids: theirs stays unread', async () => {
    const owner = await signUp(app);
    const other = await signUp(app);
    const theirs = await notify(owner.user.id, { title: 'Private' });
    const mine = await notify(other.user.id);
    const response = await other.client.post('/api/v1/me/notifications/read', {
      ids: [theirs, mine],
    });
    expect(response.json()).toEqual({ marked: 1, unreadCount: 0 });
    await other.client.post('/api/v1/me/notifications/read', { all: true });
    const ownerView = (await owner.client.get('/api/v1/me/notifications')).json();
    expect(ownerView.unreadCount).toBe(1);
    expect(ownerView.items[0]).toMatchObject({ id: theirs, readAt: null });
  });

  it('rejects bodies that are neither ids nor all: true, changing nothing', async () => {
    const { client, user } = await signUp(app);
    await notify(user.id);
    const cases: [unknown, string][] = [
      [{}, 'body'],
      [{ ids: [] }, 'body.ids'],
      [{ ids: ['not-an-id'] }, 'body.ids.0'],
      [{ all: false }, 'body.all'],
      [{ ids: [randomUUID()], all: true }, 'body'],
      [{ everything: true }, 'body'],
      [
        { ids: Array.from({ length: NOTIFICATION_LIMITS.markReadMax + 1 }, () => randomUUID()) },
        'body.ids',
      ],
    ];
    for (const [body, path] of cases) {
      const response = await client.post(
        '/api/v1/me/notifications/read',
        body as Record<string, unknown>,
      );
      expect(response.statusCode, JSON.stringify(body)).toBe(400);
      expect(response.json().error.details[0].path, JSON.stringify(body)).toBe(path);
    }
    expect((await client.get('/api/v1/me/notifications')).json().unreadCount).toBe(1);
  });

  it('needs the CSRF header with a session cookie', async () => {
    const { client } = await signUp(app);
    client.sendCsrf = false;
    const response = await client.post('/api/v1/me/notifications/read', { all: true });
    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe('csrf_failed');
  });
});

describe('marking notifications unread and counting unread ones', () => {
  it('counts my unread notifications, and marks read ones unread again', async () => {
    const { client, user } = await signUp(app);
    const ids = [await notify(user.id), await notify(user.id)];
    const count = await client.get('/api/v1/me/notifications/unread-count');
    expect(count.statusCode).toBe(200);
    expect(count.json()).toEqual({ unreadCount: 2 });

    await client.post('/api/v1/me/notifications/read', { all: true });
    expect((await client.get('/api/v1/me/notifications/unread-count')).json()).toEqual({
      unreadCount: 0,
    });
    const unread = await client.post('/api/v1/me/notifications/unread', { ids: [ids[1]] });
    expect(unread.statusCode).toBe(200);
    expect(unread.json()).toEqual({ marked: 1, unreadCount: 1 });
    // Already unread: nothing changes.
    const again = await client.post('/api/v1/me/notifications/unread', { ids: [ids[1]] });
    expect(again.json()).toEqual({ marked: 0, unreadCount: 1 });
    const listed = (await client.get('/api/v1/me/notifications')).json();
    expect(listed.items.map((n: { readAt: string | null }) => n.readAt === null)).toEqual([
      true,
      false,
    ]);
  });

  it('ignores another user’s ids: theirs stays read, and their count is not mine', async () => {
    const owner = await signUp(app);
    const other = await signUp(app);
    const theirs = await notify(owner.user.id);
    await owner.client.post('/api/v1/me/notifications/read', { all: true });
    const response = await other.client.post('/api/v1/me/notifications/unread', {
      ids: [theirs],
    });
    expect(response.json()).toEqual({ marked: 0, unreadCount: 0 });
    expect((await owner.client.get('/api/v1/me/notifications/unread-count')).json()).toEqual({
      unreadCount: 0,
    });
  });

  it('rejects a bad body with 400, needs a caller, the profile scope and the CSRF header', async () => {
    const { client, user } = await signUp(app);
    const id = await notify(user.id);
    await client.post('/api/v1/me/notifications/read', { all: true });
    const cases: [unknown, string][] = [
      [{}, 'body.ids'],
      [{ ids: [] }, 'body.ids'],
      [{ ids: ['nope'] }, 'body.ids.0'],
      [{ ids: [id], all: true }, 'body'],
    ];
    for (const [body, path] of cases) {
      const response = await client.post(
        '/api/v1/me/notifications/unread',
        body as Record<string, unknown>,
      );
      expect(response.statusCode, JSON.stringify(body)).toBe(400);
      expect(response.json().error.details[0].path, JSON.stringify(body)).toBe(path);
    }
    expect((await new Client(app).get('/api/v1/me/notifications/unread-count')).statusCode).toBe(
      401,
    );
    const noProfile = await tokenClient(client, ['money:read']);
    expect((await noProfile.get('/api/v1/me/notifications/unread-count')).statusCode).toBe(403);
    client.sendCsrf = false;
    const noCsrf = await client.post('/api/v1/me/notifications/unread', { ids: [id] });
    expect(noCsrf.statusCode).toBe(403);
    expect(await notifications.unreadCount(user.id)).toBe(0);
  });
});

describe('the notifications service', () => {
  it('writes inside the caller’s transaction: a rolled-back change announces nothing', async () => {
    const { user } = await signUp(app);
    await expect(
      db.transaction().execute(async (trx) => {
        await notifications.notify(trx, {
          userId: user.id,
          kind: 'assignment_approved',
          title: 'Approved',
        });
        throw new Error('the approval failed');
      }),
    ).rejects.toThrow('the approval failed');
    expect(await notifications.unreadCount(user.id)).toBe(0);
  });

  it('records many in one call and clips over-long texts instead of failing', async () => {
    const a = await signUp(app);
    const b = await signUp(app);
    const reason = 'x'.repeat(NOTIFICATION_LIMITS.bodyMax + 50);
    const ids = await db.transaction().execute((trx) =>
      notifications.notifyMany(trx, [
        { userId: a.user.id, kind: 'assignment_rejected', title: 'Rejected', body: reason },
        { userId: b.user.id, kind: 'escrow_returned', title: 'T'.repeat(500), link: '/funds' },
      ]),
    );
    expect(ids).toHaveLength(2);
    const [ofA] = (await notifications.list(a.user.id, { limit: 10 })).items;
    expect([...(ofA?.body ?? '')]).toHaveLength(NOTIFICATION_LIMITS.bodyMax);
    expect(ofA?.body.endsWith('…')).toBe(true);
    const [ofB] = (await notifications.list(b.user.id, { limit: 10 })).items;
    expect(ofB?.title).toHaveLength(NOTIFICATION_LIMITS.titleMax);
    expect(await db.transaction().execute((trx) => notifications.notifyMany(trx, []))).toEqual([]);
  });

  it('refuses a link that leaves the app', async () => {
    const { user } = await signUp(app);
    for (const link of ['https://evil.example', '//evil.example', '/\\evil.example']) {
      await expect(notify(user.id, { link })).rejects.toThrow('path of this app');
    }
    expect(await notifications.unreadCount(user.id)).toBe(0);
  });
});
