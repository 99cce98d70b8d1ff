import type { App } from '../../src/server/app.js';
import type { RegisteredRoute } from '../../src/server/plugins/auth.js';

/**
 * The routes the app registered (HEAD twins of GET routes left out), so the security suites
 * cover a route the moment it is added, whoever adds it.
 */
export function registered(app: App): RegisteredRoute[] {
  return app.registeredRoutes.filter((r) => r.method !== 'HEAD');
}

export function apiRoutes(app: App): RegisteredRoute[] {
  return registered(app).filter((r) => r.url.startsWith('/api/v1/'));
}

export const routeKey = (r: { method: string; url: string }) => `${r.method} ${r.url}`;

/**
 * Routes outside /api/v1 and what guards them: the OAuth/OpenID provider (its own client
 * authentication, tested in test/oauth), the API reference page, health probes, metrics, the
 * HTML task preview (session and CSRF token in its form, src/server/modules/frames), the
 * MTurk-compatible API (SigV4 signatures by a requester's access key, src/server/modules/mturk),
 * the public crowd-html-elements script task frames load (src/server/modules/frames) and the
 * SPA's static files. Anything else outside the API is unexpected.
 */
export const OUTSIDE_API = [
  /^\/\.well-known\/(openid-configuration|oauth-authorization-server)$/,
  /^\/oauth\//,
  /^\/api\/docs(\/|$)/,
  /^\/(healthz|readyz|metrics)$/,
  /^\/frames\/preview$/,
  /^\/mturk$/,
  /^\/crowd\/crowd-html-elements\.js$/,
  // MTurk's externalSubmit: a task page's form, by per-assignment address or the worker's session.
  /^\/mturk\/externalSubmit$/,
  /^\/s\/:token\/mturk\/externalSubmit$/,
  /^\/(\*|assets\/\*)?$/,
];
