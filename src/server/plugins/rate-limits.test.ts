import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { Client, createTestApp, signUp } from '../../../test/helpers/app.js';
import { buildApp, type App } from '../app.js';

const ctx = await createTestApp({
  deps: {
    rateLimits: { windowMs: 60_000, read: 3, write: 2, anonymous: 2, oauth: 100 },
    authRateLimitPerMinute: 100,
  },
});
const { app } = ctx;

/** A client-credentials token, fetched through the authorization server's token endpoint. */
async function clientToken(owner: Client) {
  const created = await owner.post('/api/v1/oauth-clients', {
    name: 'Script',
    type: 'confidential',
  });
  const { clientId, clientSecret } = created.json();
  const response = await app.inject({
    method: 'POST',
    url: '/oauth/token',
    headers: {
      authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    payload: 'grant_type=client_credentials&scope=profile',
  });
  expect(response.statusCode).toBe(200);
  return response.json<{ access_token: string }>().access_token;
}

describe('rate limits per caller and route class', () => {
  it('counts a user’s reads, with RateLimit headers, then answers 429', async () => {
    const { client } = await signUp(app);
    for (const remaining of ['2', '1', '0']) {
      const response = await client.get('/api/v1/me');
      expect(response.statusCode).toBe(200);
      expect(response.headers['ratelimit-limit']).toBe('3');
      expect(response.headers['ratelimit-remaining']).toBe(remaining);
      expect(Number(response.headers['ratelimit-reset'])).toBeGreaterThan(0);
    }
    const limited = await client.get('/api/v1/me');
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error.code).toBe('rate_limited');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);

    // Another user has their own budget; writes are a separate class.
    const { client: other } = await signUp(app);
    expect((await other.get('/api/v1/me')).statusCode).toBe(200);
    expect((await client.patch('/api/v1/me', { bio: 'still writing' })).statusCode).toBe(200);
  });

  it('limits writes separately and more tightly', async () => {
    const { client } = await signUp(app);
    expect((await client.patch('/api/v1/me', { bio: 'one' })).statusCode).toBe(200);
    const second = await client.patch('/api/v1/me', { bio: 'two' });
    expect(second.headers['ratelimit-limit']).toBe('2');
    expect(second.headers['ratelimit-remaining']).toBe('0');
    expect((await client.patch('/api/v1/me', { bio: 'three' })).statusCode).toBe(429);
    expect((await client.get('/api/v1/me')).statusCode).toBe(200);
  });

  it('counts an OAuth app against its own client, not its user’s browser session', async () => {
    const { client } = await signUp(app, { roles: ['requester'] });
    const token = await clientToken(client);
    const script = new Client(app);
    script.bearer = token;
    for (let i = 0; i < 3; i++) expect((await script.get('/api/v1/me')).statusCode).toBe(200);
    expect((await script.get('/api/v1/me')).statusCode).toBe(429);
    expect((await client.get('/api/v1/me')).statusCode).toBe(200);
  });

  it('limits anonymous callers per address', async () => {
    const { user } = await signUp(app);
    const anonymous = new Client(app);
    expect((await anonymous.get(`/api/v1/users/${user.id}`)).statusCode).toBe(200);
    expect((await anonymous.get(`/api/v1/users/${user.id}`)).statusCode).toBe(200);
    expect((await anonymous.get(`/api/v1/users/${user.id}`)).statusCode).toBe(429);
  });

  it('leaves sign-in on its own per-address limit', async () => {
    const anonymous = new Client(app);
    const response = await anonymous.post('/api/v1/auth/login', {
      email: 'nobody@example.com',
      password: 'wrong password!',
    });
    expect(response.statusCode).toBe(401);
    expect(response.headers['ratelimit-limit']).toBe('100');
  });

  it('takes its limits from the RATE_LIMIT_*_PER_MINUTE variables', async () => {
    const configured = await createTestApp({
      env: { RATE_LIMIT_AUTH_PER_MINUTE: '2', RATE_LIMIT_READ_PER_MINUTE: '4' },
      // Not the suite's generous test limits: what the environment says.
      deps: { authRateLimitPerMinute: undefined, rateLimits: undefined },
    });
    const { client } = await signUp(configured.app);
    expect((await client.get('/api/v1/me')).headers['ratelimit-limit']).toBe('4');
    const stranger = new Client(configured.app);
    const codes: number[] = [];
    for (let i = 0; i < 3; i++) {
      const attempt = { email: 'nobody@example.com', password: 'whatever12' };
      codes.push((await stranger.post('/api/v1/auth/login', attempt)).statusCode);
    }
    expect(codes).toEqual([401, 401, 429]);
  });
});

// Needs a Redis server: runs where REDIS_URL is set (CI sets it), like the other Redis suites.
const redisUrl = process.env.REDIS_URL;
describe.runIf(Boolean(redisUrl))('rate limits across instances (Redis)', () => {
  it('shares one budget between two instances', async () => {
    const redis = new Redis(redisUrl as string, { maxRetriesPerRequest: 1 });
    const limits = { windowMs: 60_000, read: 3, write: 3, anonymous: 3, oauth: 3 };
    const instances = await Promise.all(
      [1, 2].map(() =>
        buildApp({
          config: ctx.config,
          db: ctx.database.db,
          clock: ctx.clock,
          logger: false,
          redis,
          rateLimits: limits,
        }),
      ),
    );
    try {
      const { client } = await signUp(app);
      const cookie = `tessera_session=${client.cookie('tessera_session')}`;
      const call = (instance: App) =>
        instance.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie } });
      const [first, second] = instances as [App, App];
      expect((await call(first)).statusCode).toBe(200);
      expect((await call(second)).statusCode).toBe(200);
      expect((await call(first)).headers['ratelimit-remaining']).toBe('0');
      expect((await call(second)).statusCode).toBe(429);
    } finally {
      await Promise.all(instances.map((instance) => instance.close()));
      redis.disconnect();
    }
  });
});
