import type { Page } from '@playwright/test';
import { expect, test } from './test.js';
import * as oidc from 'openid-client';
import { BASE_URL } from './env.js';
import {
  expectNoSeriousViolations,
  newAccount,
  signUp,
  submitSignIn,
  type Account,
} from './helpers.js';

// Nothing listens on port 9: the test answers the app's redirect itself and reads the code.
const REDIRECT_URI = 'http://127.0.0.1:9/callback';
const DEVICE_CODE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';

/** Registers an app on the Developer apps page, as a developer would, and returns its id. */
async function registerApp(page: Page, name: string, redirectUri: string | null) {
  await page.goto('/settings/developer-apps');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Developer apps');
  await page.getByRole('button', { name: 'New app' }).click();
  const form = page.getByRole('form', { name: 'New OAuth app' });
  await form.getByRole('textbox', { name: 'App name' }).fill(name);
  if (redirectUri) await form.getByRole('textbox', { name: 'Redirect URIs' }).fill(redirectUri);
  await form.getByRole('checkbox', { name: 'review:write' }).uncheck();
  await form.getByRole('button', { name: 'Register app' }).click();
  const clientId = (await page.getByTestId('new-client-id').textContent())?.trim();
  if (!clientId) throw new Error('no client id shown');
  await page.getByRole('button', { name: 'Done' }).click();
  await expect(page.getByRole('article', { name })).toContainText(clientId);
  return clientId;
}

function discover(clientId: string) {
  return oidc.discovery(new URL(BASE_URL), clientId, undefined, oidc.None(), {
    execute: [oidc.allowInsecureRequests],
  });
}

async function authorizationUrl(config: oidc.Configuration, scope: string) {
  const verifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: REDIRECT_URI,
    scope,
    prompt: 'consent',
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
  });
  return { url, checks: { pkceCodeVerifier: verifier, expectedState: state } };
}

/** Stands in for the app: answers its redirect URI and remembers where the browser landed. */
async function catchRedirect(page: Page) {
  const landed: URL[] = [];
  await page.route('http://127.0.0.1:9/**', async (route) => {
    landed.push(new URL(route.request().url()));
    await route.fulfill({
      contentType: 'text/html',
      body: '<title>App</title><p>Back in the app</p>',
    });
  });
  return landed;
}

async function callApi(
  token: string,
  path: string,
  init: { method?: string; json?: unknown; csv?: string } = {},
) {
  const body = init.csv ?? (init.json === undefined ? undefined : JSON.stringify(init.json));
  const response = await fetch(`${BASE_URL}/api/v1/${path}`, {
    method: init.method ?? (body === undefined ? 'GET' : 'POST'),
    headers: {
      authorization: `Bearer ${token}`,
      ...(body !== undefined && { 'content-type': init.csv ? 'text/csv' : 'application/json' }),
    },
    ...(body !== undefined && { body }),
  });
  const text = await response.text();
  const json = response.headers.get('content-type')?.startsWith('application/json');
  return {
    status: response.status,
    body: (json ? JSON.parse(text) : { text }) as Record<string, any>,
  };
}

test('a public app signs a requester in with code + PKCE and works as them', async ({ page }) => {
  const account = newAccount('oauth');
  await signUp(page, account, ['requester']);
  const clientId = await registerApp(page, 'Desktop uploader', REDIRECT_URI);
  const config = await discover(clientId);
  const landed = await catchRedirect(page);

  const { url, checks } = await authorizationUrl(
    config,
    'openid offline_access profile projects:read projects:write money:read money:write',
  );
  await page.goto(url.href);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Connect Desktop uploader');
  const abilities = page.getByRole('group', { name: 'What the app will be able to do' });
  await expect(abilities).toContainText('Create, edit, fund and publish projects');
  await expect(abilities).not.toContainText('review:write');
  await expect(
    page.getByRole('checkbox', { name: 'Create, edit, fund and publish projects' }),
  ).toBeChecked();
  // Moving money is never ticked for the person: they tick it themselves.
  const money = page.getByRole('checkbox', { name: 'Deposit funds and request payouts' });
  await expect(money).not.toBeChecked();
  await expectNoSeriousViolations(page);
  await money.check();
  await page.getByRole('button', { name: 'Allow' }).click();
  await expect(page.getByText('Back in the app')).toBeVisible();

  const callback = landed.at(-1);
  expect(callback?.searchParams.get('code')).toBeTruthy();
  const tokens = await oidc.authorizationCodeGrant(config, callback!, checks);
  expect(tokens.refresh_token).toBeTruthy();

  const me = await callApi(tokens.access_token, 'me');
  expect(me.body.email).toBe(account.email);
  // The requester loop, as the app: create a project, upload a batch, fund, publish, results.
  const project = await callApi(tokens.access_token, 'projects', {
    json: {
      title: 'Made from a desktop app',
      rewardCents: 15,
      template: {
        kind: 'form',
        items: [{ type: 'text', name: 'caption', label: 'Caption {{photo}}', required: true }],
      },
    },
  });
  expect(project.status).toBe(201);
  const id = String(project.body.id);
  const batch = await callApi(tokens.access_token, `projects/${id}/batches`, {
    csv: 'photo\nbeach.jpg\nforest.jpg\n',
  });
  expect(batch.body.rowCount).toBe(2);
  const deposit = await callApi(tokens.access_token, 'me/deposits', {
    json: { amountCents: 1_000 },
  });
  expect(deposit.status).toBe(201);
  const published = await callApi(tokens.access_token, `projects/${id}/publish`, { json: {} });
  expect(published.body.status).toBe('published');
  const results = await callApi(tokens.access_token, `projects/${id}/results.json`);
  expect(results.status).toBe(200);

  // The person sees the app under Connected apps and can cut it off.
  await page.goto('/settings/connected-apps');
  await expect(page.getByRole('table', { name: 'Connected apps' })).toContainText(
    'Desktop uploader',
  );
  await expectNoSeriousViolations(page);
  await page.getByRole('button', { name: 'Disconnect Desktop uploader' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Disconnect' }).click();
  await expect(page.getByText('No connected apps')).toBeVisible();
  expect((await callApi(tokens.access_token, 'me')).status).toBe(401);
  await expect(oidc.refreshTokenGrant(config, tokens.refresh_token!)).rejects.toMatchObject({
    error: 'invalid_grant',
  });
});

test('a signed-out person signs in from the consent page, then denies the app', async ({
  page,
}) => {
  const account: Account = newAccount('careful');
  await signUp(page, account, ['worker']);
  const clientId = await registerApp(page, 'Curious app', REDIRECT_URI);
  await page.getByRole('button', { name: /^Account menu for / }).click();
  await page.getByRole('menuitem', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/signin$/);

  const config = await discover(clientId);
  const landed = await catchRedirect(page);
  const { url, checks } = await authorizationUrl(config, 'profile');
  await page.goto(url.href);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Connect Curious app');
  await page.getByRole('link', { name: 'Sign in to continue' }).click();
  await submitSignIn(page, account);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Connect Curious app');
  await page.getByRole('button', { name: 'Deny' }).click();
  await expect(page.getByText('Back in the app')).toBeVisible();
  const callback = landed.at(-1)!;
  expect(callback.searchParams.get('error')).toBe('access_denied');
  expect(callback.searchParams.get('state')).toBe(checks.expectedState);
});

test('a command-line tool connects with the device flow', async ({ page }) => {
  const account = newAccount('terminal');
  await signUp(page, account, ['worker']);
  const clientId = await registerApp(page, 'Tessera CLI', null);
  const config = await discover(clientId);

  const device = await oidc.initiateDeviceAuthorization(config, { scope: 'profile work:read' });
  // The link with the code filled in, as a terminal would print it.
  await page.goto(device.verification_uri_complete!);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Is this your device?');
  await expect(page.getByText(device.user_code)).toBeVisible();
  await expectNoSeriousViolations(page);
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Connect Tessera CLI');
  await page.getByRole('button', { name: 'Allow' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('All set');

  const tokens = await oidc.genericGrantRequest(config, DEVICE_CODE_GRANT, {
    device_code: device.device_code,
  });
  expect((await callApi(tokens.access_token, 'me')).body.email).toBe(account.email);
});
