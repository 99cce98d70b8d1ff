import * as oidc from 'openid-client';
import { beforeAll, describe, expect, it } from 'vitest';
import { createServices } from '../../app.js';
import { parseForm, type Browser } from '../../../../test/oauth/browser.js';
import { answerConsent, api, consentUid, oauthError } from '../../../../test/oauth/flows.js';
import {
  discover,
  registerClient,
  startOAuthServer,
  uniqueEmail,
} from '../../../../test/oauth/server.js';
import { DEVICE_CODE_GRANT } from './oauth.provider.js';

const server = await startOAuthServer();
const services = createServices({
  db: server.database.db,
  clock: server.clock,
  config: server.config,
});

describe('client credentials (a requester’s own script)', () => {
  let owner: Browser;
  let ownerId: string;
  let clientId: string;
  let clientSecret: string;
  let config: oidc.Configuration;

  beforeAll(async () => {
    owner = server.browser();
    ownerId = (await owner.signUp(uniqueEmail('script-owner'))).id;
    const app = await registerClient(owner, {
      type: 'confidential',
      scopes: ['profile', 'projects:read', 'projects:write'],
    });
    clientId = app.clientId;
    clientSecret = app.clientSecret!;
    config = await discover(server.origin, clientId, clientSecret);
  });

  it('issues a token that acts as the client’s owner, limited to the scopes asked for', async () => {
    const tokens = await oidc.clientCredentialsGrant(config, { scope: 'profile projects:write' });
    expect(tokens.refresh_token).toBeUndefined();
    const me = await api(server.origin, tokens.access_token, '/api/v1/me');
    expect(me.status).toBe(200);
    expect(me.body.id).toBe(ownerId);

    const created = await api(server.origin, tokens.access_token, '/api/v1/projects', {
      json: { title: 'Made by a script', rewardCents: 25 },
    });
    expect(created.status).toBe(201);
    // projects:read was allowed for the client but not asked for.
    const read = await api(
      server.origin,
      tokens.access_token,
      `/api/v1/projects/${created.body.id}`,
    );
    expect(read.status).toBe(403);
    expect(read.body.error).toMatchObject({
      code: 'insufficient_scope',
      details: { requiredScope: 'projects:read' },
    });
  });

  it('works with the secret in the body as well (client_secret_post)', async () => {
    const post = await oidc.discovery(
      new URL(server.origin),
      clientId,
      undefined,
      oidc.ClientSecretPost(clientSecret),
      { execute: [oidc.allowInsecureRequests] },
    );
    const tokens = await oidc.clientCredentialsGrant(post, { scope: 'profile' });
    expect((await api(server.origin, tokens.access_token, '/api/v1/me')).status).toBe(200);
  });

  it('refuses scopes beyond the client’s registration and unknown scopes', async () => {
    expect(await oauthError(oidc.clientCredentialsGrant(config, { scope: 'money:write' }))).toBe(
      'invalid_scope',
    );
    expect(await oauthError(oidc.clientCredentialsGrant(config, { scope: 'admin' }))).toBe(
      'invalid_scope',
    );
  });

  it('refuses a wrong secret and public clients', async () => {
    const wrong = await discover(server.origin, clientId, 'tsr_secret_not-the-secret');
    expect(await oauthError(oidc.clientCredentialsGrant(wrong, { scope: 'profile' }))).toBe(
      'invalid_client',
    );
    const publicApp = await registerClient(owner, {
      type: 'public',
      redirectUris: ['http://127.0.0.1:9/cb'],
    });
    const publicConfig = await discover(server.origin, publicApp.clientId);
    expect(
      await oauthError(oidc.clientCredentialsGrant(publicConfig, { scope: 'profile' })),
      // "requested grant type is not allowed for this client"
    ).toBe('invalid_request');
  });

  it('introspects its tokens for itself only', async () => {
    const tokens = await oidc.clientCredentialsGrant(config, { scope: 'profile' });
    const mine = await oidc.tokenIntrospection(config, tokens.access_token);
    expect(mine).toMatchObject({ active: true, client_id: clientId, scope: 'profile' });

    const other = await registerClient(owner, { type: 'confidential' });
    const otherConfig = await discover(server.origin, other.clientId, other.clientSecret!);
    expect((await oidc.tokenIntrospection(otherConfig, tokens.access_token)).active).toBe(false);
  });

  it('stops working when the secret is replaced, the client is deleted or the owner suspended', async () => {
    const app = await registerClient(owner, { type: 'confidential', scopes: ['profile'] });
    const appConfig = await discover(server.origin, app.clientId, app.clientSecret!);
    const token = (await oidc.clientCredentialsGrant(appConfig, { scope: 'profile' })).access_token;

    const rotated = await owner.fetch(`/api/v1/oauth-clients/${app.clientId}/secret`, { json: {} });
    expect(rotated.status).toBe(200);
    const { clientSecret: newSecret } = await rotated.json();
    expect(await oauthError(oidc.clientCredentialsGrant(appConfig, { scope: 'profile' }))).toBe(
      'invalid_client',
    );
    const fresh = await discover(server.origin, app.clientId, newSecret);
    expect(
      (await oidc.clientCredentialsGrant(fresh, { scope: 'profile' })).access_token,
    ).toBeTruthy();

    expect(
      (await owner.fetch(`/api/v1/oauth-clients/${app.clientId}`, { method: 'DELETE' })).status,
    ).toBe(200);
    expect((await api(server.origin, token, '/api/v1/me')).status).toBe(401);
    expect(await oauthError(oidc.clientCredentialsGrant(fresh, { scope: 'profile' }))).toBe(
      'invalid_client',
    );

    const live = (await oidc.clientCredentialsGrant(config, { scope: 'profile' })).access_token;
    // An administrator suspends the owner (the audit log names who did it, so it is a real one).
    const { user: admin } = await services.accounts.createAdmin({
      email: uniqueEmail('admin'),
      password: 'an administrator password',
      displayName: 'Admin',
    });
    await services.accounts.setStatus(admin.id, ownerId, 'suspended');
    try {
      expect((await api(server.origin, live, '/api/v1/me')).status).toBe(401);
    } finally {
      await services.accounts.setStatus(admin.id, ownerId, 'active');
    }
  });

  it('cannot reach another user’s data', async () => {
    const other = server.browser();
    await other.signUp(uniqueEmail('other-requester'));
    const project = await other.fetch('/api/v1/projects', {
      json: { title: 'Not yours', rewardCents: 10 },
    });
    expect(project.status).toBe(201);
    const { id } = await project.json();
    const token = (await oidc.clientCredentialsGrant(config, { scope: 'projects:read' }))
      .access_token;
    expect((await api(server.origin, token, `/api/v1/projects/${id}`)).status).toBe(404);
    const mine = await api(server.origin, token, '/api/v1/projects');
    expect(mine.status).toBe(200);
    expect(mine.body.items.map((p: { id: string }) => p.id)).not.toContain(id);
  });
});

describe('device authorization (a command-line tool)', () => {
  let browser: Browser;
  let userId: string;
  let config: oidc.Configuration;

  beforeAll(async () => {
    browser = server.browser();
    userId = (await browser.signUp(uniqueEmail('cli-user'))).id;
    const app = await registerClient(browser, { type: 'public', scopes: ['profile', 'work:read'] });
    config = await discover(server.origin, app.clientId);
  });

  /** The person's side: enter the code in the browser, confirm, then consent. */
  async function enterCode(userCode: string) {
    const entry = await browser.navigate('/oauth/device');
    expect(entry.response.status).toBe(200);
    const form = parseForm(entry.body);
    expect(form.action).toBe(`${server.origin}/oauth/device`);
    const confirm = await browser.navigate(form.action, {
      form: { ...form.fields, user_code: userCode },
    });
    expect(confirm.body).toContain('Is this your device?');
    const confirmForm = parseForm(confirm.body);
    return browser.navigate(confirmForm.action, {
      form: { ...confirmForm.fields, confirm: 'yes' },
    });
  }

  it('waits for the person, then issues tokens that act for them', async () => {
    const pending = await oidc.initiateDeviceAuthorization(config, {
      scope: 'profile work:read offline_access',
    });
    expect(pending.verification_uri).toBe(`${server.origin}/oauth/device`);
    expect(
      await oauthError(
        oidc.genericGrantRequest(config, DEVICE_CODE_GRANT, { device_code: pending.device_code }),
      ),
    ).toBe('authorization_pending');

    const device = await oidc.initiateDeviceAuthorization(config, {
      scope: 'profile work:read offline_access',
    });
    const consent = await enterCode(device.user_code);
    const done = await answerConsent(browser, consentUid(consent.url), true);
    expect(done.body).toContain('is now connected');

    const tokens = await oidc.genericGrantRequest(config, DEVICE_CODE_GRANT, {
      device_code: device.device_code,
    });
    expect(tokens.scope?.split(' ').sort()).toEqual(['profile', 'work:read']);
    expect(tokens.refresh_token).toBeDefined();
    const me = await api(server.origin, tokens.access_token, '/api/v1/me');
    expect(me.body.id).toBe(userId);
    // The device code works once.
    expect(
      await oauthError(
        oidc.genericGrantRequest(config, DEVICE_CODE_GRANT, { device_code: device.device_code }),
      ),
    ).toBe('invalid_grant');
  });

  it('tells the person when the code is wrong', async () => {
    const entry = await browser.navigate('/oauth/device');
    const form = parseForm(entry.body);
    const wrong = await browser.navigate(form.action, {
      form: { ...form.fields, user_code: 'BCDF-GHJK' },
    });
    expect(wrong.body).toContain('That code is not right');
  });

  it('reports access_denied to the device when the person declines', async () => {
    const device = await oidc.initiateDeviceAuthorization(config, { scope: 'profile' });
    const consent = await enterCode(device.user_code);
    await answerConsent(browser, consentUid(consent.url), false);
    expect(
      await oauthError(
        oidc.genericGrantRequest(config, DEVICE_CODE_GRANT, { device_code: device.device_code }),
      ),
    ).toBe('access_denied');
  });

  it('refuses scopes beyond the client’s registration', async () => {
    expect(
      await oauthError(oidc.initiateDeviceAuthorization(config, { scope: 'profile money:write' })),
    ).toBe('invalid_scope');
  });
});
