import * as oidc from 'openid-client';
import type { Browser } from './browser.js';

export const REDIRECT_URI = 'http://127.0.0.1:9/callback';

/** The consent page's interaction id from where the authorization server sent the browser. */
export function consentUid(url: URL): string {
  const match = /^\/oauth\/consent\/([^/]+)$/.exec(url.pathname);
  if (!match?.[1]) throw new Error(`expected the consent page, got ${url.href}`);
  return match[1];
}

/** An authorization request with PKCE (and prompt=consent, which offline_access requires). */
export async function authorizationRequest(
  config: oidc.Configuration,
  options: { scope: string; redirectUri?: string; extra?: Record<string, string> },
) {
  const verifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: options.redirectUri ?? REDIRECT_URI,
    scope: options.scope,
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
    ...(options.scope.split(' ').includes('offline_access') && { prompt: 'consent' }),
    ...options.extra,
  });
  return { url, verifier, state };
}

/** Answers the consent page through the API, as the web app does, and follows the redirect. */
export async function answerConsent(browser: Browser, uid: string, approve: boolean) {
  const response = await browser.fetch(`/api/v1/oauth/interactions/${uid}/consent`, {
    json: { approve },
  });
  if (response.status !== 200) throw new Error(`consent failed: ${await response.text()}`);
  const { redirectTo } = (await response.json()) as { redirectTo: string };
  return browser.navigate(redirectTo);
}

/** The whole code flow for a signed-in browser: request, consent, callback, token exchange. */
export async function codeFlow(
  browser: Browser,
  config: oidc.Configuration,
  options: { scope: string; redirectUri?: string },
) {
  const request = await authorizationRequest(config, options);
  const start = await browser.navigate(request.url);
  const back = await answerConsent(browser, consentUid(start.url), true);
  const tokens = await oidc.authorizationCodeGrant(config, back.url, {
    pkceCodeVerifier: request.verifier,
    expectedState: request.state,
  });
  return { tokens, callback: back.url, request };
}

/** The OAuth error a token-endpoint call failed with (openid-client throws it). */
export async function oauthError(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof oidc.ResponseBodyError) return error.error;
    // A failed client authentication comes back as a 401 challenge.
    const challenge =
      error instanceof oidc.WWWAuthenticateChallengeError ? error.cause[0] : undefined;
    if (challenge?.parameters.error) return challenge.parameters.error;
    throw error;
  }
  throw new Error('expected the call to fail');
}

/** Calls the REST API with a bearer token. */
export async function api(
  origin: string,
  token: string,
  path: string,
  init: { method?: string; json?: unknown } = {},
) {
  const response = await fetch(new URL(path, origin), {
    method: init.method ?? (init.json === undefined ? 'GET' : 'POST'),
    headers: {
      authorization: `Bearer ${token}`,
      ...(init.json !== undefined && { 'content-type': 'application/json' }),
    },
    body: init.json === undefined ? undefined : JSON.stringify(init.json),
  });
  const text = await response.text();
  return {
    status: response.status,
    body: text ? JSON.parse(text) : undefined,
    headers: response.headers,
  };
}
