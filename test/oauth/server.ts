import * as oidc from 'openid-client';
import { createTestApp } from '../helpers/app.js';
import { Browser, freePort } from './browser.js';

/**
 * The app listening on 127.0.0.1 with PUBLIC_URL (hence the issuer) matching its address, so
 * openid-client can talk to it as it would to a deployment.
 */
export async function startOAuthServer() {
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const ctx = await createTestApp({ env: { PUBLIC_URL: origin } });
  await ctx.app.listen({ port, host: '127.0.0.1' });
  return { ...ctx, origin, browser: () => new Browser(origin) };
}

export type OAuthServer = Awaited<ReturnType<typeof startOAuthServer>>;

/** openid-client's view of the server for one client (plain http is fine on loopback). */
export function discover(origin: string, clientId: string, clientSecret?: string) {
  return oidc.discovery(
    new URL(origin),
    clientId,
    undefined,
    clientSecret ? oidc.ClientSecretBasic(clientSecret) : oidc.None(),
    { execute: [oidc.allowInsecureRequests] },
  );
}

let counter = 0;
export const uniqueEmail = (label: string) =>
  `${label}-${++counter}-${Math.random().toString(36).slice(2, 8)}@example.com`;

/** Registers a client from a signed-in browser and returns the created body. */
export async function registerClient(
  browser: Browser,
  body: {
    name?: string;
    redirectUris?: string[];
    type: 'public' | 'confidential';
    scopes?: string[];
  },
) {
  const response = await browser.fetch('/api/v1/oauth-clients', {
    json: { name: body.name ?? 'Test app', ...body },
  });
  if (response.status !== 201)
    throw new Error(`client registration failed: ${await response.text()}`);
  return (await response.json()) as {
    clientId: string;
    clientSecret: string | null;
    scopes: string[];
  };
}
