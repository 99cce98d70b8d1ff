import * as oidc from 'openid-client';
import { beforeAll, describe, expect, it } from 'vitest';
import { signInAsAdmin } from '../../../../test/helpers/admin.js';
import type { Browser } from '../../../../test/oauth/browser.js';
import {
  answerConsent,
  api,
  authorizationRequest,
  codeFlow,
  consentUid,
  oauthError,
  REDIRECT_URI,
} from '../../../../test/oauth/flows.js';
import {
  discover,
  registerClient,
  startOAuthServer,
  uniqueEmail,
} from '../../../../test/oauth/server.js';
import { TTL } from './oauth.provider.js';

const server = await startOAuthServer();
const FULL = 'openid offline_access profile projects:read';
const WEB_REDIRECT_URI = 'https://app.example/callback';

describe('authorization code with PKCE (public client)', () => {
  const aliceEmail = uniqueEmail('alice');
  let browser: Browser;
  let userId: string;
  let config: oidc.Configuration;
  let clientId: string;

  beforeAll(async () => {
    browser = server.browser();
    userId = (await browser.signUp(aliceEmail)).id;
    const app = await registerClient(browser, {
      type: 'public',
      redirectUris: [REDIRECT_URI],
      scopes: ['profile', 'projects:read', 'projects:write'],
    });
    clientId = app.clientId;
    config = await discover(server.origin, clientId);
  });

  it('publishes discovery with every scope, PKCE S256 and the device endpoint', async () => {
    const meta = config.serverMetadata();
    expect(meta.issuer).toBe(server.origin);
    expect(meta.code_challenge_methods_supported).toEqual(['S256']);
    expect(meta.scopes_supported).toEqual(
      expect.arrayContaining(['openid', 'offline_access', 'profile', 'money:write']),
    );
    expect(meta.device_authorization_endpoint).toBe(`${server.origin}/oauth/device/auth`);
    expect(meta.revocation_endpoint).toBeDefined();
    expect(meta.introspection_endpoint).toBeDefined();
  });

  it('shows the consent page what the app asks for, then issues tokens that act as the user', async () => {
    const request = await authorizationRequest(config, { scope: FULL });
    const start = await browser.navigate(request.url);
    const uid = consentUid(start.url);

    const details = await browser.fetch(`/api/v1/oauth/interactions/${uid}`);
    expect(details.status).toBe(200);
    const body = await details.json();
    expect(body.client).toEqual({ clientId, name: 'Test app' });
    expect(body.scopes.map((s: { scope: string }) => s.scope)).toEqual([
      'profile',
      'projects:read',
      'openid',
      'offline_access',
    ]);
    expect(body.scopes[0].description).toBe('Read and edit your profile');
    expect(body.user.id).toBe(userId);

    const back = await answerConsent(browser, uid, true);
    expect(back.url.origin + back.url.pathname).toBe(REDIRECT_URI);
    const tokens = await oidc.authorizationCodeGrant(config, back.url, {
      pkceCodeVerifier: request.verifier,
      expectedState: request.state,
    });
    expect(tokens.scope?.split(' ').sort()).toEqual(['profile', 'projects:read']);
    expect(tokens.refresh_token).toBeDefined();
    expect(tokens.claims()?.sub).toBe(userId);

    const me = await api(server.origin, tokens.access_token, '/api/v1/me');
    expect(me.status).toBe(200);
    expect(me.body.id).toBe(userId);
    expect(me.headers.get('ratelimit-limit')).toBeTruthy();

    // Granted projects:read only: writing needs projects:write.
    const write = await api(server.origin, tokens.access_token, '/api/v1/projects', {
      json: { title: 'From an app', rewardCents: 10 },
    });
    expect(write.status).toBe(403);
    expect(write.body.error.code).toBe('insufficient_scope');
  });

  it('asks a native app’s user every time, a web app’s user only for what is new', async () => {
    await codeFlow(browser, config, { scope: 'profile' });
    // A loopback redirect could be any local program: consent again.
    const native = await authorizationRequest(config, { scope: 'profile' });
    consentUid((await browser.navigate(native.url)).url);

    const web = await registerClient(browser, {
      type: 'public',
      name: 'Web app',
      redirectUris: [WEB_REDIRECT_URI],
    });
    const webConfig = await discover(server.origin, web.clientId);
    const first = await authorizationRequest(webConfig, {
      scope: 'profile',
      redirectUri: WEB_REDIRECT_URI,
    });
    await answerConsent(browser, consentUid((await browser.navigate(first.url)).url), true);
    // Same browser: straight back to the app with a code.
    const again = await authorizationRequest(webConfig, {
      scope: 'profile',
      redirectUri: WEB_REDIRECT_URI,
    });
    const direct = await browser.navigate(again.url);
    expect(direct.url.origin + direct.url.pathname).toBe(WEB_REDIRECT_URI);
    expect(direct.url.searchParams.get('code')).toBeTruthy();

    // Another browser (no authorization-server session yet): the page only confirms who signs in.
    const laptop = server.browser();
    await laptop.signIn(aliceEmail);
    const request = await authorizationRequest(webConfig, {
      scope: 'profile',
      redirectUri: WEB_REDIRECT_URI,
    });
    const uid = consentUid((await laptop.navigate(request.url)).url);
    const details = await (await laptop.fetch(`/api/v1/oauth/interactions/${uid}`)).json();
    expect(details).toMatchObject({ prompt: 'login', needsConsent: false });
    const login = await laptop.fetch(`/api/v1/oauth/interactions/${uid}/login`, { json: {} });
    expect(login.status).toBe(200);
    const back = await laptop.navigate((await login.json()).redirectTo);
    const tokens = await oidc.authorizationCodeGrant(webConfig, back.url, {
      pkceCodeVerifier: request.verifier,
      expectedState: request.state,
    });
    expect((await api(server.origin, tokens.access_token, '/api/v1/me')).body.id).toBe(userId);

    // Asking for more than was granted brings the consent page back.
    const more = await authorizationRequest(webConfig, {
      scope: 'profile projects:read',
      redirectUri: WEB_REDIRECT_URI,
    });
    const moreUid = consentUid((await laptop.navigate(more.url)).url);
    const moreDetails = await (await laptop.fetch(`/api/v1/oauth/interactions/${moreUid}`)).json();
    expect(moreDetails).toMatchObject({ prompt: 'consent', needsConsent: true });
  });

  it('lists the app under connected apps, and disconnecting it kills its tokens', async () => {
    const { tokens } = await codeFlow(browser, config, { scope: FULL });
    const list = await browser.fetch('/api/v1/me/oauth-grants');
    const grants = (await list.json()).items;
    const grant = grants.find((g: { clientId: string }) => g.clientId === clientId);
    expect(grant).toMatchObject({ clientId, clientName: 'Test app' });
    expect(grant.scopes).toEqual(expect.arrayContaining(['profile', 'projects:read']));

    expect(
      (await browser.fetch(`/api/v1/me/oauth-grants/${clientId}`, { method: 'DELETE' })).status,
    ).toBe(200);
    expect((await api(server.origin, tokens.access_token, '/api/v1/me')).status).toBe(401);
    expect(await oauthError(oidc.refreshTokenGrant(config, tokens.refresh_token!))).toBe(
      'invalid_grant',
    );
    const after = (await (await browser.fetch('/api/v1/me/oauth-grants')).json()).items;
    expect(after.map((g: { clientId: string }) => g.clientId)).not.toContain(clientId);
    expect(after).toHaveLength(grants.length - 1);
    expect(
      (await browser.fetch(`/api/v1/me/oauth-grants/${clientId}`, { method: 'DELETE' })).status,
    ).toBe(404);
  });

  it('rotates refresh tokens, and a reused one is rejected and revokes the family', async () => {
    const { tokens } = await codeFlow(browser, config, { scope: FULL });
    const first = tokens.refresh_token!;
    const refreshed = await oidc.refreshTokenGrant(config, first);
    expect(refreshed.refresh_token).toBeDefined();
    expect(refreshed.refresh_token).not.toBe(first);
    expect((await api(server.origin, refreshed.access_token, '/api/v1/me')).status).toBe(200);

    expect(await oauthError(oidc.refreshTokenGrant(config, first))).toBe('invalid_grant');
    // Reuse means theft: the rotated token and its access token die too.
    expect(await oauthError(oidc.refreshTokenGrant(config, refreshed.refresh_token!))).toBe(
      'invalid_grant',
    );
    expect((await api(server.origin, refreshed.access_token, '/api/v1/me')).status).toBe(401);
  });

  it('revokes access and refresh tokens on request', async () => {
    const { tokens } = await codeFlow(browser, config, { scope: FULL });
    await oidc.tokenRevocation(config, tokens.access_token);
    expect((await api(server.origin, tokens.access_token, '/api/v1/me')).status).toBe(401);

    await oidc.tokenRevocation(config, tokens.refresh_token!);
    expect(await oauthError(oidc.refreshTokenGrant(config, tokens.refresh_token!))).toBe(
      'invalid_grant',
    );
  });

  it('introspects its own tokens, and reports revoked ones inactive', async () => {
    const { tokens } = await codeFlow(browser, config, { scope: FULL });
    const active = await oidc.tokenIntrospection(config, tokens.access_token);
    expect(active).toMatchObject({ active: true, client_id: clientId, sub: userId });
    expect(active.scope?.split(' ').sort()).toEqual(['profile', 'projects:read']);

    await oidc.tokenRevocation(config, tokens.access_token);
    expect((await oidc.tokenIntrospection(config, tokens.access_token)).active).toBe(false);
  });

  it('does not accept an access token once the clock passes its expiry', async () => {
    const { tokens } = await codeFlow(browser, config, { scope: 'profile' });
    const now = server.clock.now();
    try {
      server.clock.advance((TTL.AccessToken + 1) * 1000);
      const expired = await api(server.origin, tokens.access_token, '/api/v1/me');
      expect(expired.status).toBe(401);
      expect(expired.body.error.code).toBe('invalid_token');
    } finally {
      server.clock.set(now);
    }
    expect((await api(server.origin, tokens.access_token, '/api/v1/me')).status).toBe(200);
  });

  it('signs in whoever is signed in to Tessera now, not a previous user of the browser', async () => {
    await codeFlow(browser, config, { scope: 'profile' });
    await browser.signOut();
    const bob = await browser.signUp(uniqueEmail('bob'));
    const { tokens } = await codeFlow(browser, config, { scope: 'openid profile' });
    expect(tokens.claims()?.sub).toBe(bob.id);
    expect((await api(server.origin, tokens.access_token, '/api/v1/me')).body.id).toBe(bob.id);
  });
});

describe('authorization code: refusals', () => {
  const email = uniqueEmail('carol');
  let browser: Browser;
  let config: oidc.Configuration;

  beforeAll(async () => {
    browser = server.browser();
    await browser.signUp(email);
    const app = await registerClient(browser, {
      type: 'public',
      redirectUris: [REDIRECT_URI],
      scopes: ['profile', 'projects:read'],
    });
    config = await discover(server.origin, app.clientId);
  });

  it('never redirects to an unregistered redirect URI', async () => {
    const request = await authorizationRequest(config, {
      scope: 'profile',
      redirectUri: 'http://127.0.0.1:9/elsewhere',
    });
    const result = await browser.navigate(request.url);
    expect(result.response.status).toBe(400);
    expect(result.url.origin).toBe(server.origin);
    expect(result.body).toContain('redirect_uri did not match any of the client');
  });

  it('requires PKCE', async () => {
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: REDIRECT_URI,
      scope: 'profile',
      state: 'x',
    });
    const result = await browser.navigate(url);
    expect(result.url.searchParams.get('error')).toBe('invalid_request');
    expect(result.url.searchParams.get('error_description')).toContain('PKCE');
  });

  it('refuses scopes beyond what the client was registered for', async () => {
    const request = await authorizationRequest(config, { scope: 'profile projects:write' });
    const result = await browser.navigate(request.url);
    expect(result.url.origin + result.url.pathname).toBe(REDIRECT_URI);
    expect(result.url.searchParams.get('error')).toBe('invalid_scope');
  });

  it('rejects a wrong PKCE verifier', async () => {
    const request = await authorizationRequest(config, { scope: 'profile' });
    const start = await browser.navigate(request.url);
    const back = await answerConsent(browser, consentUid(start.url), true);
    const error = await oauthError(
      oidc.authorizationCodeGrant(config, back.url, {
        pkceCodeVerifier: oidc.randomPKCECodeVerifier(),
        expectedState: request.state,
      }),
    );
    expect(error).toBe('invalid_grant');
  });

  it('rejects a reused authorization code and revokes what the first use issued', async () => {
    const request = await authorizationRequest(config, { scope: 'profile' });
    const start = await browser.navigate(request.url);
    const back = await answerConsent(browser, consentUid(start.url), true);
    const checks = { pkceCodeVerifier: request.verifier, expectedState: request.state };
    const tokens = await oidc.authorizationCodeGrant(config, back.url, checks);
    expect(await oauthError(oidc.authorizationCodeGrant(config, back.url, checks))).toBe(
      'invalid_grant',
    );
    expect((await api(server.origin, tokens.access_token, '/api/v1/me')).status).toBe(401);
  });

  it('issues tokens once for a code exchanged twice at the same moment', async () => {
    const request = await authorizationRequest(config, { scope: 'profile' });
    const start = await browser.navigate(request.url);
    const back = await answerConsent(browser, consentUid(start.url), true);
    const checks = { pkceCodeVerifier: request.verifier, expectedState: request.state };
    const outcomes = await Promise.allSettled([
      oidc.authorizationCodeGrant(config, back.url, checks),
      oidc.authorizationCodeGrant(config, back.url, checks),
    ]);
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    const refused = outcomes.find((o) => o.status === 'rejected');
    expect((refused?.reason as oidc.ResponseBodyError).error).toBe('invalid_grant');
  });

  it('returns access_denied when the user declines', async () => {
    const request = await authorizationRequest(config, { scope: 'profile' });
    const start = await browser.navigate(request.url);
    const back = await answerConsent(browser, consentUid(start.url), false);
    expect(back.url.searchParams.get('error')).toBe('access_denied');
    expect(back.url.searchParams.get('state')).toBe(request.state);
  });

  it('lets a signed-out visitor see the request but not approve it', async () => {
    const request = await authorizationRequest(config, { scope: 'profile' });
    const start = await browser.navigate(request.url);
    const uid = consentUid(start.url);
    await browser.signOut();
    const details = await browser.fetch(`/api/v1/oauth/interactions/${uid}`);
    expect(details.status).toBe(200);
    expect((await details.json()).user).toBeNull();
    const approve = await browser.fetch(`/api/v1/oauth/interactions/${uid}/consent`, {
      json: { approve: true },
    });
    expect(approve.status).toBe(401);
  });

  it('ties the consent page to the browser that started the request', async () => {
    const other = server.browser();
    await other.signUp(uniqueEmail('mallory'));
    await browser.signIn(email);
    const request = await authorizationRequest(config, { scope: 'profile' });
    const start = await browser.navigate(request.url);
    const uid = consentUid(start.url);
    const stolen = await other.fetch(`/api/v1/oauth/interactions/${uid}/consent`, {
      json: { approve: true },
    });
    expect(stolen.status).toBe(404);
    expect((await stolen.json()).error.code).toBe('interaction_not_found');
  });
});

describe('admin powers through an app', () => {
  let browser: Browser;

  beforeAll(async () => {
    const email = uniqueEmail('admin');
    await signInAsAdmin(server, email);
    browser = server.browser();
    await browser.signIn(email);
  });

  const consentTo = async (config: oidc.Configuration, scope: string, scopes?: string[]) => {
    const request = await authorizationRequest(config, { scope });
    const uid = consentUid((await browser.navigate(request.url)).url);
    const details = await (await browser.fetch(`/api/v1/oauth/interactions/${uid}`)).json();
    const answer = await browser.fetch(`/api/v1/oauth/interactions/${uid}/consent`, {
      json: { approve: true, ...(scopes && { scopes }) },
    });
    expect(answer.status).toBe(200);
    const back = await browser.navigate((await answer.json()).redirectTo);
    const tokens = await oidc.authorizationCodeGrant(config, back.url, {
      pkceCodeVerifier: request.verifier,
      expectedState: request.state,
    });
    return { details, tokens };
  };

  it('is not in an admin’s app unless registered by name, and cannot be asked for then', async () => {
    const app = await registerClient(browser, { type: 'public', redirectUris: [REDIRECT_URI] });
    expect(app.scopes).not.toContain('admin');
    const config = await discover(server.origin, app.clientId);
    const request = await authorizationRequest(config, { scope: 'profile admin' });
    const result = await browser.navigate(request.url);
    expect(result.url.searchParams.get('error')).toBe('invalid_scope');

    // Connected with "profile", the admin's app cannot reach admin routes.
    const { tokens } = await consentTo(config, 'profile');
    const users = await api(server.origin, tokens.access_token, '/api/v1/admin/users');
    expect(users.status).toBe(403);
    expect(users.body.error.code).toBe('insufficient_scope');
  });

  it('is granted only when the admin ticks it, never by a bare approval', async () => {
    const app = await registerClient(browser, {
      type: 'public',
      redirectUris: [REDIRECT_URI],
      scopes: ['profile', 'admin'],
    });
    const config = await discover(server.origin, app.clientId);

    const bare = await consentTo(config, 'profile admin');
    expect(bare.details.scopes).toContainEqual(
      expect.objectContaining({ scope: 'admin', optional: true, preselected: false }),
    );
    expect(bare.tokens.scope?.split(' ')).toEqual(['profile']);
    expect((await api(server.origin, bare.tokens.access_token, '/api/v1/admin/users')).status).toBe(
      403,
    );

    const ticked = await consentTo(config, 'profile admin', ['profile', 'admin']);
    expect(ticked.tokens.scope?.split(' ').sort()).toEqual(['admin', 'profile']);
    expect(
      (await api(server.origin, ticked.tokens.access_token, '/api/v1/admin/users')).status,
    ).toBe(200);
  });
});

describe('the consent screen', () => {
  let browser: Browser;
  let config: oidc.Configuration;

  beforeAll(async () => {
    browser = server.browser();
    await browser.signUp(uniqueEmail('dora'));
    const app = await registerClient(browser, {
      type: 'public',
      redirectUris: [REDIRECT_URI],
      scopes: ['profile', 'projects:read', 'money:read', 'money:write'],
    });
    config = await discover(server.origin, app.clientId);
  });

  it('ticks only what the app asked for, and never moving money', async () => {
    const request = await authorizationRequest(config, {
      scope: 'openid profile money:read money:write',
    });
    const uid = consentUid((await browser.navigate(request.url)).url);
    const details = await (await browser.fetch(`/api/v1/oauth/interactions/${uid}`)).json();
    const ticked = (details.scopes as { scope: string; preselected: boolean }[])
      .filter((s) => s.preselected)
      .map((s) => s.scope);
    expect(ticked).toEqual(['profile', 'money:read', 'openid']);
    expect(details.scopes.map((s: { scope: string }) => s.scope)).not.toContain('projects:read');
  });

  it('grants only the scopes the person left ticked', async () => {
    const request = await authorizationRequest(config, { scope: 'profile money:read' });
    const uid = consentUid((await browser.navigate(request.url)).url);
    const answer = await browser.fetch(`/api/v1/oauth/interactions/${uid}/consent`, {
      json: { approve: true, scopes: ['profile'] },
    });
    const back = await browser.navigate((await answer.json()).redirectTo);
    const tokens = await oidc.authorizationCodeGrant(config, back.url, {
      pkceCodeVerifier: request.verifier,
      expectedState: request.state,
    });
    expect(tokens.scope).toBe('profile');
    expect((await api(server.origin, tokens.access_token, '/api/v1/me/balance')).status).toBe(403);
  });
});

describe('a password change', () => {
  const email = uniqueEmail('erin');
  let browser: Browser;
  let config: oidc.Configuration;

  beforeAll(async () => {
    browser = server.browser();
    await browser.signUp(email);
    const app = await registerClient(browser, {
      type: 'public',
      redirectUris: [REDIRECT_URI],
      scopes: ['profile'],
    });
    config = await discover(server.origin, app.clientId);
  });

  const changePassword = async (from: string, to: string, extra: object = {}) => {
    const response = await browser.fetch('/api/v1/me/password', {
      json: { currentPassword: from, newPassword: to, ...extra },
    });
    expect(response.status).toBe(200);
  };

  it('disconnects connected apps by default: their tokens stop working', async () => {
    const { tokens } = await codeFlow(browser, config, { scope: 'openid offline_access profile' });
    await changePassword('correct horse battery', 'a brand new passphrase');
    expect((await api(server.origin, tokens.access_token, '/api/v1/me')).status).toBe(401);
    expect(await oauthError(oidc.refreshTokenGrant(config, tokens.refresh_token!))).toBe(
      'invalid_grant',
    );
    expect((await (await browser.fetch('/api/v1/me/oauth-grants')).json()).items).toEqual([]);
  });

  it('keeps them when the person opts out', async () => {
    const { tokens } = await codeFlow(browser, config, { scope: 'openid offline_access profile' });
    await changePassword('a brand new passphrase', 'another new passphrase', {
      revokeTokens: false,
    });
    expect((await api(server.origin, tokens.access_token, '/api/v1/me')).status).toBe(200);
    const refreshed = await oidc.refreshTokenGrant(config, tokens.refresh_token!);
    expect((await api(server.origin, refreshed.access_token, '/api/v1/me')).status).toBe(200);
  });
});
