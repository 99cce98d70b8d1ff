import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';

/**
 * Requests per window for each route class: `read` and `write` per signed-in caller, `anonymous`
 * per address, `oauth` (the authorization server's token, revocation, introspection and device
 * endpoints) per address. The numbers come from the RATE_LIMIT_*_PER_MINUTE variables (config.ts).
 */
export type RateLimitSettings = {
  windowMs: number;
  read: number;
  write: number;
  anonymous: number;
  oauth: number;
};

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Who a request counts against: the OAuth client when an app's token is used (one runaway app
 * does not lock its user out of the web app), otherwise the user; undefined when anonymous.
 */
function caller(request: FastifyRequest): string | undefined {
  const auth = request.auth;
  if (!auth) return undefined;
  return auth.oauthClientId ? `client:${auth.oauthClientId}` : `user:${auth.user.id}`;
}

/**
 * Gives every /api/v1 route without its own `config.rateLimit` (sign-in has a stricter per-address
 * one) the limit of its class: reads (GET, HEAD) or writes. Counters live in the store
 * @fastify/rate-limit was registered with (Redis when configured, so all instances share them);
 * responses carry RateLimit-Limit, RateLimit-Remaining and RateLimit-Reset.
 */
async function rateLimitsPlugin(app: FastifyInstance, opts: { limits: RateLimitSettings }) {
  const { limits } = opts;
  const limiter = (routeClass: 'read' | 'write') =>
    app.rateLimit({
      timeWindow: limits.windowMs,
      keyGenerator: (request) => `${routeClass}:${caller(request) ?? `ip:${request.ip}`}`,
      max: (request) => (caller(request) ? limits[routeClass] : limits.anonymous),
    });
  const handlers = { read: limiter('read'), write: limiter('write') };

  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/v1/') || route.config?.rateLimit !== undefined) return;
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    const handler = methods.every((m) => SAFE_METHODS.has(m)) ? handlers.read : handlers.write;
    const existing = route.preHandler;
    // Runs after authentication (a global hook), so the caller is known.
    route.preHandler = existing === undefined ? [handler] : [existing, handler].flat();
  });
}

export default fp(rateLimitsPlugin, {
  name: 'rate-limits',
  dependencies: ['@fastify/rate-limit', 'auth'],
});
