import { describe, expect, it } from 'vitest';
import { buildApp } from '../../app.js';
import { DEFAULT_SCOPES } from '../../../shared/scopes.js';
import { sha256 } from '../../lib/secrets.js';
import { Client, createTestApp, signUp } from '../../../../test/helpers/app.js';

const ctx = await createTestApp();
const { app } = ctx;

async function createClient(client: Client, body: Record<string, unknown>) {
  return client.post('/api/v1/oauth-clients', { name: 'My app', ...body });
}

async function clientCount(client: Client) {
  return (await client.get('/api/v1/oauth-clients')).json().items.length;
}

describe('registering OAuth clients', () => {
  it('needs a signed-in browser session', async () => {
    const anonymous = new Client(app);
    expect((await anonymous.get('/api/v1/oauth-clients')).statusCode).toBe(401);
    expect((await createClient(anonymous, { type: 'public' })).statusCode).toBe(401);

    const { client } = await signUp(app, { roles: ['requester'] });
    const pat = await client.post('/api/v1/me/tokens', { name: 'cli', scopes: ['profile'] });
    const scripted = new Client(app);
    scripted.bearer = pat.json().token;
    const viaToken = await createClient(scripted, { type: 'confidential' });
    expect(viaToken.statusCode).toBe(403);
    expect(viaToken.json().error.code).toBe('session_required');

    client.sendCsrf = false;
    const noCsrf = await createClient(client, { type: 'public' });
    expect(noCsrf.statusCode).toBe(403);
    expect(noCsrf.json().error.code).toBe('csrf_failed');
  });

  it('registers a public client with every scope but admin by default, and no secret', async () => {
    const { client } = await signUp(app);
    const response = await createClient(client, {
      type: 'public',
      redirectUris: ['com.example.app:/callback', 'http://127.0.0.1/callback'],
    });
    expect(response.statusCode).toBe(201);
    const body = response.json();
    expect(body.clientId).toMatch(/^tsr_app_/);
    expect(body.id).toBe(body.clientId);
    expect(body.clientSecret).toBeNull();
    expect(body.scopes).toEqual([...DEFAULT_SCOPES]);
    expect(body.redirectUris).toEqual(['com.example.app:/callback', 'http://127.0.0.1/callback']);
  });

  it('shows a confidential client’s secret once and stores only its hash', async () => {
    const { client } = await signUp(app, { roles: ['requester'] });
    const response = await createClient(client, {
      type: 'confidential',
      scopes: ['projects:read', 'projects:write'],
    });
    expect(response.statusCode).toBe(201);
    const { clientId, clientSecret, scopes } = response.json();
    expect(clientSecret).toMatch(/^tsr_secret_/);
    expect(scopes).toEqual(['projects:read', 'projects:write']);

    const listed = (await client.get('/api/v1/oauth-clients')).json().items;
    expect(listed).toHaveLength(1);
    expect(listed[0]).not.toHaveProperty('clientSecret');
    const single = (await client.get(`/api/v1/oauth-clients/${clientId}`)).json();
    expect(single).not.toHaveProperty('clientSecret');

    const row = await ctx.database.db
      .selectFrom('oauth_clients')
      .select('secret_hash')
      .where('id', '=', clientId)
      .executeTakeFirstOrThrow();
    expect(row.secret_hash).toBe(sha256(clientSecret));
  });

  it.each([
    [{ redirectUris: ['http://example.com/cb'] }, 'body.redirectUris.0', 'must use https'],
    [{ redirectUris: ['https://example.com/cb#x'] }, 'body.redirectUris.0', 'fragment'],
    [{ redirectUris: ['javascript:alert(1)'] }, 'body.redirectUris.0', 'javascript:'],
    [{ redirectUris: ['/relative'] }, 'body.redirectUris.0', 'absolute URI'],
    [{ redirectUris: Array(11).fill('https://example.com/cb') }, 'body.redirectUris', 'at most 10'],
    [{ name: '  ' }, 'body.name', 'must not be empty'],
    [{ scopes: ['admin'] }, 'body.scopes.0', ''],
    [{ scopes: [] }, 'body.scopes', 'at least one scope'],
    [{ type: 'spa' }, 'body.type', ''],
    [{ clientSecret: 'mine' }, 'body', ''],
  ])('refuses %j, naming the field, and writes nothing', async (override, path, message) => {
    const { client } = await signUp(app);
    const response = await createClient(client, { type: 'public', ...override });
    expect(response.statusCode).toBe(400);
    const issue = response
      .json()
      .error.details.find((d: { path: string }) => d.path === path || d.path.startsWith(path));
    expect(issue).toBeDefined();
    expect(issue.message).toContain(message);
    expect(await clientCount(client)).toBe(0);
  });

  it('refuses redirect URIs the authorization server could not serve together', async () => {
    const { client } = await signUp(app);
    // A native app (app scheme) cannot also claim https on a loopback host (RFC 8252).
    const response = await createClient(client, {
      type: 'public',
      redirectUris: ['com.example.app:/cb', 'https://localhost/cb'],
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.details[0].path).toBe('body.redirectUris');
    expect(await clientCount(client)).toBe(0);
  });

  it('updates name, redirect URIs and scopes, but not the type', async () => {
    const { client } = await signUp(app);
    const { clientId } = (
      await createClient(client, { type: 'public', redirectUris: ['https://a.example/cb'] })
    ).json();
    const patched = await client.patch(`/api/v1/oauth-clients/${clientId}`, {
      name: 'Renamed',
      redirectUris: ['https://b.example/cb'],
      scopes: ['work:read'],
    });
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({
      name: 'Renamed',
      redirectUris: ['https://b.example/cb'],
      scopes: ['work:read'],
      type: 'public',
    });
    const empty = await client.patch(`/api/v1/oauth-clients/${clientId}`, {});
    expect(empty.statusCode).toBe(400);
    const typeChange = await client.patch(`/api/v1/oauth-clients/${clientId}`, {
      type: 'confidential',
    });
    expect(typeChange.statusCode).toBe(400);
    const badUri = await client.patch(`/api/v1/oauth-clients/${clientId}`, {
      redirectUris: ['http://evil.example/cb'],
    });
    expect(badUri.statusCode).toBe(400);
    expect((await client.get(`/api/v1/oauth-clients/${clientId}`)).json().redirectUris).toEqual([
      'https://b.example/cb',
    ]);
  });

  it('replaces only a confidential client’s secret', async () => {
    const { client } = await signUp(app);
    const confidential = (await createClient(client, { type: 'confidential' })).json();
    const rotated = await client.post(`/api/v1/oauth-clients/${confidential.clientId}/secret`);
    expect(rotated.statusCode).toBe(200);
    expect(rotated.json().clientSecret).toMatch(/^tsr_secret_/);
    expect(rotated.json().clientSecret).not.toBe(confidential.clientSecret);

    const publicApp = (await createClient(client, { type: 'public' })).json();
    const refused = await client.post(`/api/v1/oauth-clients/${publicApp.clientId}/secret`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('not_confidential');
  });

  it('hides another user’s clients: list, read, change, rotate and delete are 404', async () => {
    const { client: owner } = await signUp(app);
    const { clientId } = (await createClient(owner, { type: 'confidential' })).json();
    const { client: stranger } = await signUp(app);

    expect((await stranger.get('/api/v1/oauth-clients')).json().items).toEqual([]);
    expect((await stranger.get(`/api/v1/oauth-clients/${clientId}`)).statusCode).toBe(404);
    expect(
      (await stranger.patch(`/api/v1/oauth-clients/${clientId}`, { name: 'Mine now' })).statusCode,
    ).toBe(404);
    expect((await stranger.post(`/api/v1/oauth-clients/${clientId}/secret`)).statusCode).toBe(404);
    expect((await stranger.delete(`/api/v1/oauth-clients/${clientId}`)).statusCode).toBe(404);

    const intact = (await owner.get(`/api/v1/oauth-clients/${clientId}`)).json();
    expect(intact.name).toBe('My app');
    expect((await owner.delete(`/api/v1/oauth-clients/${clientId}`)).statusCode).toBe(200);
    expect((await owner.get(`/api/v1/oauth-clients/${clientId}`)).statusCode).toBe(404);
  });
});

describe('connected apps and the consent API without a flow', () => {
  it('lists nothing and 404s unknown apps', async () => {
    const { client } = await signUp(app);
    expect((await client.get('/api/v1/me/oauth-grants')).json()).toEqual({
      items: [],
      nextCursor: null,
    });
    expect((await client.delete('/api/v1/me/oauth-grants/tsr_app_nope')).statusCode).toBe(404);
  });

  it('does not know an interaction this browser did not start', async () => {
    const { client } = await signUp(app);
    const response = await client.get('/api/v1/oauth/interactions/some-uid');
    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe('interaction_not_found');
  });
});

describe('the authorization server’s endpoints', () => {
  it('read their own credentials (HTTP Basic is not a Tessera bearer token)', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/oauth/token',
      headers: {
        authorization: `Basic ${Buffer.from('tsr_app_x:nope').toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      payload: 'grant_type=client_credentials',
    });
    expect(response.statusCode).toBe(401);
    expect(response.json()).toMatchObject({ error: 'invalid_client' });
  });

  it('leave the web app’s consent page to the web app', async () => {
    const response = await app.inject({ method: 'GET', url: '/oauth/consent/abc' });
    expect(response.json().error.code).toBe('not_found');
  });
});

describe('signing keys', () => {
  it('are generated once, kept in the database and shared by every instance', async () => {
    const second = await buildApp({
      config: ctx.config,
      db: ctx.database.db,
      clock: ctx.clock,
      logger: false,
    });
    try {
      const fromFirst = (await app.inject({ method: 'GET', url: '/oauth/jwks' })).json();
      const fromSecond = (await second.inject({ method: 'GET', url: '/oauth/jwks' })).json();
      expect(fromFirst.keys).toHaveLength(1);
      expect(fromSecond).toEqual(fromFirst);
      // Only the public half is published.
      expect(fromFirst.keys[0]).not.toHaveProperty('d');
      expect(fromFirst.keys[0]).toMatchObject({ kty: 'RSA', use: 'sig', alg: 'RS256' });
    } finally {
      await second.close();
    }
  });
});
