import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { Client, createTestApp, signUp, TEST_PASSWORD } from '../../../../test/helpers/app.js';
import { signInAsAdmin } from '../../../../test/helpers/admin.js';

const ctx = await createTestApp();
const { app } = ctx;

async function userCount() {
  const row = await ctx.database.db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

describe('sign up', () => {
  it('creates an account, signs in with an httpOnly session cookie and a readable CSRF cookie', async () => {
    const client = new Client(app);
    const res = await client.post('/api/v1/auth/signup', {
      email: 'Ada@Example.com',
      password: TEST_PASSWORD,
      displayName: 'Ada Lovelace',
      roles: ['worker', 'requester'],
    });
    expect(res.statusCode).toBe(201);
    const { user } = res.json();
    expect(user).toMatchObject({
      email: 'Ada@Example.com',
      displayName: 'Ada Lovelace',
      roles: ['requester', 'worker'],
    });
    expect(user.handle).toMatch(/^ada-lovelace-[0-9a-f]{4}$/);
    expect(user).not.toHaveProperty('passwordHash');
    const setCookie = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
    expect(setCookie.find((c) => c.startsWith('tessera_session='))).toMatch(/HttpOnly/);
    expect(setCookie.find((c) => c.startsWith('tessera_session='))).toMatch(/SameSite=Lax/);
    expect(setCookie.find((c) => c.startsWith('csrf_token='))).not.toMatch(/HttpOnly/);
    expect((await client.get('/api/v1/me')).json().email).toBe('Ada@Example.com');
  });

  it('stores the password as argon2id, never in clear', async () => {
    const { user } = await signUp(app);
    const row = await ctx.database.db
      .selectFrom('users')
      .select('password_hash')
      .where('id', '=', user.id)
      .executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
    expect(row.password_hash).not.toContain(TEST_PASSWORD);
  });

  it('rejects a duplicate email, whatever its case, with 409', async () => {
    const { email } = await signUp(app);
    const res = await new Client(app).post('/api/v1/auth/signup', {
      email: email.toUpperCase(),
      password: TEST_PASSWORD,
      displayName: 'Copy',
      roles: ['worker'],
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('email_taken');
  });

  it.each([
    [
      { email: 'not-an-email', password: TEST_PASSWORD, displayName: 'X', roles: ['worker'] },
      'body.email',
    ],
    [
      { email: 'ok@example.com', password: 'short', displayName: 'X', roles: ['worker'] },
      'body.password',
    ],
    [
      { email: 'ok@example.com', password: TEST_PASSWORD, displayName: '', roles: ['worker'] },
      'body.displayName',
    ],
    [
      { email: 'ok@example.com', password: TEST_PASSWORD, displayName: 'X', roles: [] },
      'body.roles',
    ],
    [
      { email: 'ok@example.com', password: TEST_PASSWORD, displayName: 'X', roles: ['admin'] },
      'body.roles',
    ],
    [
      {
        email: 'ok@example.com',
        password: TEST_PASSWORD,
        displayName: 'X',
        roles: ['worker'],
        isAdmin: true,
      },
      'body',
    ],
    [
      { email: 'ok@example.com', password: 12345678901, displayName: 'X', roles: ['worker'] },
      'body.password',
    ],
    [
      {
        email: 'ok@example.com',
        password: TEST_PASSWORD,
        displayName: 'x'.repeat(81),
        roles: ['worker'],
      },
      'body.displayName',
    ],
  ])('rejects bad input %j naming %s, and writes nothing', async (body, field) => {
    const before = await userCount();
    const res = await new Client(app).post('/api/v1/auth/signup', body);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('invalid_input');
    expect(res.json().error.message).toContain(field);
    expect(await userCount()).toBe(before);
  });

  it('answers malformed JSON with 400 and an oversized body with 413', async () => {
    const client = new Client(app);
    const bad = await client.request('POST', '/api/v1/auth/signup', '{"email": ', {
      'content-type': 'application/json',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('malformed_json');
    const huge = await client.request(
      'POST',
      '/api/v1/auth/signup',
      JSON.stringify({ email: 'x'.repeat(2_000_000) }),
      {
        'content-type': 'application/json',
      },
    );
    expect(huge.statusCode).toBe(413);
    expect(huge.json().error.message).toMatch(/limit of \d+ bytes/);
  });
});

describe('sign in and out', () => {
  it('signs in with the right password and out again', async () => {
    const { email } = await signUp(app);
    const client = new Client(app);
    const res = await client.post('/api/v1/auth/login', { email, password: TEST_PASSWORD });
    expect(res.statusCode).toBe(200);
    expect((await client.get('/api/v1/me')).statusCode).toBe(200);
    expect((await client.post('/api/v1/auth/logout')).statusCode).toBe(200);
    expect((await client.get('/api/v1/me')).statusCode).toBe(401);
  });

  it('gives the same 401 for a wrong password and an unknown email', async () => {
    const { email } = await signUp(app);
    const wrong = await new Client(app).post('/api/v1/auth/login', {
      email,
      password: 'wrong password!',
    });
    const unknown = await new Client(app).post('/api/v1/auth/login', {
      email: 'nobody@example.com',
      password: 'wrong password!',
    });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json().error).toEqual(unknown.json().error);
  });

  it('ends a session when it expires', async () => {
    const { client } = await signUp(app);
    ctx.clock.advance(31 * 24 * 3600 * 1000);
    try {
      expect((await client.get('/api/v1/me')).statusCode).toBe(401);
    } finally {
      ctx.clock.advance(-31 * 24 * 3600 * 1000);
    }
  });

  it('refuses a cookie-authenticated mutation without the CSRF header', async () => {
    const { client } = await signUp(app);
    client.sendCsrf = false;
    const res = await client.patch('/api/v1/me', { bio: 'hijacked' });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('csrf_failed');
    client.sendCsrf = true;
    expect((await client.get('/api/v1/me')).json().bio).toBe('');
  });

  it('rate limits sign-in attempts', async () => {
    const limited = await createTestApp({ deps: { authRateLimitPerMinute: 3 } });
    const client = new Client(limited.app);
    const codes: number[] = [];
    for (let i = 0; i < 5; i++) {
      codes.push(
        (
          await client.post('/api/v1/auth/login', {
            email: 'x@example.com',
            password: 'whatever12',
          })
        ).statusCode,
      );
    }
    expect(codes).toEqual([401, 401, 401, 429, 429]);
    const last = await client.post('/api/v1/auth/login', {
      email: 'x@example.com',
      password: 'whatever12',
    });
    expect(last.json().error.code).toBe('rate_limited');
    expect(last.headers['retry-after']).toBeDefined();
  });
});

describe('profile', () => {
  it('edits display name, handle, bio, country and timezone', async () => {
    const { client } = await signUp(app);
    const res = await client.patch('/api/v1/me', {
      displayName: 'Grace',
      handle: `grace_${Date.now()}`,
      bio: 'Compilers.',
      country: 'US',
      timezone: 'America/New_York',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      displayName: 'Grace',
      bio: 'Compilers.',
      country: 'US',
      timezone: 'America/New_York',
    });
  });

  it('rejects a taken handle with 409 and a bad country or time zone with 400', async () => {
    const a = await signUp(app);
    const b = await signUp(app);
    const taken = await b.client.patch('/api/v1/me', { handle: a.user.handle.toUpperCase() });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error.code).toBe('handle_taken');
    expect(
      (await b.client.patch('/api/v1/me', { country: 'Germany' })).json().error.message,
    ).toContain('body.country');
    expect(
      (await b.client.patch('/api/v1/me', { timezone: 'Mars/Olympus' })).json().error.message,
    ).toContain('body.timezone');
    expect((await b.client.patch('/api/v1/me', { handle: 'no spaces' })).statusCode).toBe(400);
  });

  it('shows a public profile by id or handle with nothing private', async () => {
    const { user } = await signUp(app);
    const anonymous = new Client(app);
    for (const key of [user.id, user.handle]) {
      const res = await anonymous.get(`/api/v1/users/${key}`);
      expect(res.statusCode).toBe(200);
      expect(res.json().handle).toBe(user.handle);
      expect(res.json()).not.toHaveProperty('email');
      expect(res.json()).not.toHaveProperty('status');
      expect(res.body).not.toContain(user.email);
    }
    expect((await anonymous.get('/api/v1/users/nobody-here')).statusCode).toBe(404);
  });

  it('needs a session for /me', async () => {
    const res = await new Client(app).get('/api/v1/me');
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ error: { code: 'unauthorized' } });
    expect(res.json().requestId).toBe(res.headers['x-request-id']);
  });
});

describe('password and roles', () => {
  it('changing the password keeps this session and ends the others', async () => {
    const { client, email } = await signUp(app);
    const other = new Client(app);
    await other.post('/api/v1/auth/login', { email, password: TEST_PASSWORD });
    expect((await other.get('/api/v1/me')).statusCode).toBe(200);
    const res = await client.post('/api/v1/me/password', {
      currentPassword: TEST_PASSWORD,
      newPassword: 'a brand new passphrase',
    });
    expect(res.statusCode).toBe(200);
    expect((await client.get('/api/v1/me')).statusCode).toBe(200);
    expect((await other.get('/api/v1/me')).statusCode).toBe(401);
    expect(
      (await new Client(app).post('/api/v1/auth/login', { email, password: TEST_PASSWORD }))
        .statusCode,
    ).toBe(401);
    expect(
      (
        await new Client(app).post('/api/v1/auth/login', {
          email,
          password: 'a brand new passphrase',
        })
      ).statusCode,
    ).toBe(200);
  });

  const tokenOf = async (client: Client) => {
    const res = await client.post('/api/v1/me/tokens', { name: 'script', scopes: ['profile'] });
    const bot = new Client(app);
    bot.bearer = res.json().token;
    expect((await bot.get('/api/v1/me')).statusCode).toBe(200);
    return bot;
  };

  it('revokes personal access tokens made before the change, unless asked not to', async () => {
    const { client } = await signUp(app);
    const before = await tokenOf(client);
    const res = await client.post('/api/v1/me/password', {
      currentPassword: TEST_PASSWORD,
      newPassword: 'a brand new passphrase',
    });
    expect(res.statusCode).toBe(200);
    const refused = await before.get('/api/v1/me');
    expect(refused.statusCode).toBe(401);
    expect(refused.json().error.code).toBe('invalid_token');
    expect((await client.get('/api/v1/me/tokens')).json().items).toEqual([]);

    const kept = await tokenOf(client);
    const optOut = await client.post('/api/v1/me/password', {
      currentPassword: 'a brand new passphrase',
      newPassword: 'another new passphrase',
      revokeTokens: false,
    });
    expect(optOut.statusCode).toBe(200);
    expect((await kept.get('/api/v1/me')).statusCode).toBe(200);
  });

  it('revokes nothing when the current password is wrong', async () => {
    const { client } = await signUp(app);
    const bot = await tokenOf(client);
    const res = await client.post('/api/v1/me/password', {
      currentPassword: 'not my password',
      newPassword: 'a brand new passphrase',
    });
    expect(res.statusCode).toBe(400);
    expect((await bot.get('/api/v1/me')).statusCode).toBe(200);
  });

  it('refuses a wrong current password', async () => {
    const { client } = await signUp(app);
    const res = await client.post('/api/v1/me/password', {
      currentPassword: 'not my password',
      newPassword: 'a brand new passphrase',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('wrong_password');
  });

  it('lets a worker become a requester too, but never an admin', async () => {
    const { client } = await signUp(app, { roles: ['worker'] });
    const res = await client.post('/api/v1/me/roles', { role: 'requester' });
    expect(res.json().roles).toEqual(['requester', 'worker']);
    expect((await client.post('/api/v1/me/roles', { role: 'admin' })).statusCode).toBe(400);
  });

  it('adds a role once when it is asked for several times at once, and audits it once', async () => {
    const { client, user } = await signUp(app, { roles: ['worker'] });
    const answers = await Promise.all(
      Array.from({ length: 6 }, () => client.post('/api/v1/me/roles', { role: 'requester' })),
    );
    for (const res of answers) {
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().roles).toEqual(['requester', 'worker']);
    }
    const { rows } = await sql<{ n: number }>`
      select count(*)::int as n from audit_events
      where subject_user_id = ${user.id} and action = 'user.role_added'`.execute(ctx.database.db);
    expect(rows[0]?.n).toBe(1);
  });
});

describe('personal access tokens', () => {
  it('creates a token shown once, usable as Bearer, limited by its scopes, and revocable', async () => {
    const { client } = await signUp(app);
    const created = await client.post('/api/v1/me/tokens', {
      name: 'script',
      scopes: ['work:read'],
    });
    expect(created.statusCode).toBe(201);
    const { token, id } = created.json();
    expect(token).toMatch(/^tsr_pat_/);
    const listed = await client.get('/api/v1/me/tokens');
    expect(listed.json().items).toHaveLength(1);
    expect(listed.body).not.toContain(token);

    const bot = new Client(app);
    bot.bearer = token;
    const denied = await bot.get('/api/v1/me');
    expect(denied.statusCode).toBe(403);
    expect(denied.json().error.code).toBe('insufficient_scope');

    const profileToken = (
      await client.post('/api/v1/me/tokens', { name: 'p', scopes: ['profile'] })
    ).json().token;
    bot.bearer = profileToken;
    expect((await bot.get('/api/v1/me')).statusCode).toBe(200);
    // Bearer calls need no CSRF header, but cannot mint more tokens.
    expect((await bot.patch('/api/v1/me', { bio: 'from a script' })).statusCode).toBe(200);
    expect(
      (await bot.post('/api/v1/me/tokens', { name: 'more', scopes: ['profile'] })).statusCode,
    ).toBe(403);

    expect((await client.delete(`/api/v1/me/tokens/${id}`)).statusCode).toBe(200);
    bot.bearer = token;
    expect((await bot.get('/api/v1/me')).json().error.code).toBe('invalid_token');
  });

  it('shows when a token was last used, to the minute', async () => {
    const { client } = await signUp(app);
    const { token } = (
      await client.post('/api/v1/me/tokens', { name: 'cron', scopes: ['profile'] })
    ).json();
    const lastUsed = async () =>
      (await client.get('/api/v1/me/tokens')).json().items[0].lastUsedAt as string | null;
    expect(await lastUsed()).toBeNull();
    const bot = new Client(app);
    bot.bearer = token;
    const firstUse = ctx.clock.now().toISOString();
    expect((await bot.get('/api/v1/me')).statusCode).toBe(200);
    expect(await lastUsed()).toBe(firstUse);
    ctx.clock.advance(59_000);
    expect((await bot.get('/api/v1/me')).statusCode).toBe(200);
    expect(await lastUsed()).toBe(firstUse);
    ctx.clock.advance(1_000);
    expect((await bot.get('/api/v1/me')).statusCode).toBe(200);
    expect(await lastUsed()).toBe(ctx.clock.now().toISOString());
  });

  it('stores only a hash of the token', async () => {
    const { client } = await signUp(app);
    const { token } = (
      await client.post('/api/v1/me/tokens', { name: 'x', scopes: ['profile'] })
    ).json();
    const rows = await ctx.database.db.selectFrom('api_tokens').select('token_hash').execute();
    expect(rows.some((r) => r.token_hash === token)).toBe(false);
  });

  it("cannot see or delete another user's token", async () => {
    const a = await signUp(app);
    const b = await signUp(app);
    const { id } = (
      await a.client.post('/api/v1/me/tokens', { name: 'a', scopes: ['profile'] })
    ).json();
    expect((await b.client.get('/api/v1/me/tokens')).json().items).toEqual([]);
    expect((await b.client.delete(`/api/v1/me/tokens/${id}`)).statusCode).toBe(404);
    expect((await a.client.get('/api/v1/me/tokens')).json().items).toHaveLength(1);
  });

  it('rejects unknown scopes and a malformed Authorization header', async () => {
    const { client } = await signUp(app);
    expect(
      (await client.post('/api/v1/me/tokens', { name: 'x', scopes: ['root'] })).statusCode,
    ).toBe(400);
    const res = await new Client(app).get('/api/v1/me', { authorization: 'Basic abc' });
    expect(res.statusCode).toBe(401);
  });
});

describe('administration', () => {
  it('lists and searches users, suspends (ending sessions and tokens) and reinstates', async () => {
    const admin = await signInAsAdmin(ctx);
    const target = await signUp(app, { displayName: 'Zebulon Target' });
    const { token } = (
      await target.client.post('/api/v1/me/tokens', { name: 't', scopes: ['profile'] })
    ).json();

    const found = await admin.client.get('/api/v1/admin/users?q=zebulon');
    expect(found.json().items.map((u: { id: string }) => u.id)).toEqual([target.user.id]);

    const suspended = await admin.client.post(`/api/v1/admin/users/${target.user.id}/suspend`);
    expect(suspended.json().status).toBe('suspended');
    expect((await target.client.get('/api/v1/me')).statusCode).toBe(401);
    const bot = new Client(app);
    bot.bearer = token;
    expect((await bot.get('/api/v1/me')).statusCode).toBe(401);
    const login = await new Client(app).post('/api/v1/auth/login', {
      email: target.email,
      password: TEST_PASSWORD,
    });
    expect(login.statusCode).toBe(403);
    expect(login.json().error.code).toBe('account_suspended');
    expect(
      (await admin.client.get('/api/v1/admin/users?status=suspended')).json().items,
    ).toHaveLength(1);

    await admin.client.post(`/api/v1/admin/users/${target.user.id}/reinstate`);
    expect(
      (
        await new Client(app).post('/api/v1/auth/login', {
          email: target.email,
          password: TEST_PASSWORD,
        })
      ).statusCode,
    ).toBe(200);
  });

  it('paginates the user list with a cursor', async () => {
    const admin = await signInAsAdmin(ctx, 'pager-admin@example.com');
    for (let i = 0; i < 3; i++) await signUp(app, { displayName: `Pager ${i}` });
    const first = (await admin.client.get('/api/v1/admin/users?q=pager&limit=2')).json();
    expect(first.items).toHaveLength(2);
    expect(first.nextCursor).toBeTruthy();
    const second = (
      await admin.client.get(`/api/v1/admin/users?q=pager&limit=2&cursor=${first.nextCursor}`)
    ).json();
    expect(second.items).toHaveLength(2);
    const ids = [...first.items, ...second.items].map((u: { id: string }) => u.id);
    expect(new Set(ids).size).toBe(4);
    expect((await admin.client.get('/api/v1/admin/users?cursor=garbage')).statusCode).toBe(400);
  });

  it('is closed to non-admins and anonymous callers', async () => {
    const { client, user } = await signUp(app, { roles: ['worker', 'requester'] });
    const res = await client.get('/api/v1/admin/users');
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('role_required');
    expect((await client.post(`/api/v1/admin/users/${user.id}/suspend`)).statusCode).toBe(403);
    expect((await new Client(app).get('/api/v1/admin/users')).statusCode).toBe(401);
  });

  it('an admin cannot suspend themselves', async () => {
    const admin = await signInAsAdmin(ctx, 'self-admin@example.com');
    expect(
      (await admin.client.post(`/api/v1/admin/users/${admin.user.id}/suspend`)).statusCode,
    ).toBe(409);
  });
});
