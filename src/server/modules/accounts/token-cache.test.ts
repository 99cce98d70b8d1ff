import { describe, expect, it } from 'vitest';
import { Client, createTestApp, signUp, TEST_PASSWORD } from '../../../../test/helpers/app.js';
import { signInAsAdmin } from '../../../../test/helpers/admin.js';
import { testDatabaseKind } from '../../../../test/helpers/database-kind.js';

/**
 * Bearer tokens are remembered for a few seconds after a lookup (token-cache.ts). Every change to
 * what a token may do must still be seen on the very next request: each test first uses the
 * token, so that it is remembered, then changes something and tries again at once.
 */
const ctx = await createTestApp();
const { app } = ctx;

async function usedToken(client: Client, scopes: string[] = ['profile']) {
  const created = await client.post('/api/v1/me/tokens', { name: 'script', scopes });
  expect(created.statusCode).toBe(201);
  const bot = new Client(app);
  bot.bearer = created.json().token;
  expect((await bot.get('/api/v1/me')).statusCode).toBe(200);
  expect((await bot.get('/api/v1/me')).statusCode).toBe(200);
  return { bot, id: created.json().id as string };
}

describe(`a remembered bearer token (${testDatabaseKind()})`, () => {
  it('is refused on the next request once deleted', async () => {
    const { client } = await signUp(app);
    const { bot, id } = await usedToken(client);
    expect((await client.delete(`/api/v1/me/tokens/${id}`)).statusCode).toBe(200);
    const refused = await bot.get('/api/v1/me');
    expect(refused.statusCode).toBe(401);
    expect(refused.json().error.code).toBe('invalid_token');
  });

  it("is refused on the next request once its owner is suspended, and works again once they're reinstated", async () => {
    const admin = await signInAsAdmin(ctx, 'token-cache-admin@example.com');
    const target = await signUp(app);
    const { bot } = await usedToken(target.client);
    const suspend = await admin.client.post(`/api/v1/admin/users/${target.user.id}/suspend`);
    expect(suspend.statusCode).toBe(200);
    expect((await bot.get('/api/v1/me')).statusCode).toBe(401);
    await admin.client.post(`/api/v1/admin/users/${target.user.id}/reinstate`);
    expect((await bot.get('/api/v1/me')).statusCode).toBe(200);
  });

  it('is refused on the next request after a password change that revokes tokens', async () => {
    const { client } = await signUp(app);
    const { bot } = await usedToken(client);
    const changed = await client.post('/api/v1/me/password', {
      currentPassword: TEST_PASSWORD,
      newPassword: 'a brand new passphrase',
    });
    expect(changed.statusCode).toBe(200);
    expect((await bot.get('/api/v1/me')).statusCode).toBe(401);
  });

  it('carries a role its owner gains on the next request', async () => {
    const { client } = await signUp(app, { roles: ['worker'] });
    const { bot } = await usedToken(client, ['profile', 'projects:read']);
    const before = await bot.get('/api/v1/projects');
    expect(before.statusCode).toBe(403);
    expect(before.json().error.code).toBe('role_required');
    expect((await client.post('/api/v1/me/roles', { role: 'requester' })).statusCode).toBe(200);
    expect((await bot.get('/api/v1/projects')).statusCode).toBe(200);
  });

  it('is refused once it expires, however recently it was used', async () => {
    const { client } = await signUp(app);
    const created = await client.post('/api/v1/me/tokens', {
      name: 'short',
      scopes: ['profile'],
      expiresInDays: 1,
    });
    const bot = new Client(app);
    bot.bearer = created.json().token;
    ctx.clock.advance(86_400_000 - 1_000);
    expect((await bot.get('/api/v1/me')).statusCode).toBe(200);
    ctx.clock.advance(1_000);
    expect((await bot.get('/api/v1/me')).statusCode).toBe(401);
  });

  it("does not let one account's token act as another's", async () => {
    const a = await signUp(app);
    const b = await signUp(app);
    const tokenA = await usedToken(a.client);
    const tokenB = await usedToken(b.client);
    expect((await tokenA.bot.get('/api/v1/me')).json().id).toBe(a.user.id);
    expect((await tokenB.bot.get('/api/v1/me')).json().id).toBe(b.user.id);
    expect((await a.client.delete(`/api/v1/me/tokens/${tokenA.id}`)).statusCode).toBe(200);
    expect((await tokenA.bot.get('/api/v1/me')).statusCode).toBe(401);
    expect((await tokenB.bot.get('/api/v1/me')).statusCode).toBe(200);
  });
});
