import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signUp, Client, type TestContext } from '../../../../test/helpers/app.js';
import { accessToken } from '../../../../test/helpers/live.js';

describe('GET /api/v1/auth/session', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestApp();
  });

  it('answers 200 with no user when nobody is signed in', async () => {
    const response = await new Client(ctx.app).get('/api/v1/auth/session');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ user: null });
  });

  it('names the signed-in user, and nobody once they sign out', async () => {
    const { client, user } = await signUp(ctx.app);
    const signedIn = await client.get('/api/v1/auth/session');
    expect(signedIn.statusCode).toBe(200);
    expect(signedIn.json<{ user: { id: string } }>().user.id).toBe(user.id);
    await client.post('/api/v1/auth/logout');
    expect((await client.get('/api/v1/auth/session')).json()).toEqual({ user: null });
  });

  it('tells a token without the profile scope nothing about its user', async () => {
    const { client } = await signUp(ctx.app);
    const caller = new Client(ctx.app);
    caller.bearer = await accessToken(client, ['work:read']);
    expect((await caller.get('/api/v1/auth/session')).json()).toEqual({ user: null });
  });
});
