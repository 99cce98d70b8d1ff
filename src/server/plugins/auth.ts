import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { EndpointAuth } from '../../shared/api/endpoint.js';
import { ADMIN_SCOPE, type Scope } from '../../shared/scopes.js';
import { ForbiddenError, UnauthorizedError } from '../errors.js';
import type { AuthenticatedUser } from '../modules/accounts/accounts.service.js';
import { newSecret } from '../lib/secrets.js';

export const SESSION_COOKIE = 'tessera_session';
export const CSRF_COOKIE = 'csrf_token';
export const CSRF_HEADER = 'x-csrf-token';

/**
 * What a route needs, declared in its `config.auth` (for a declared endpoint, its `auth`). Every
 * /api/v1 route must declare one (checked when routes are registered); see EndpointAuth.
 */
export type RouteAuth = EndpointAuth;

/** One registered route and what it needs; the security tests enumerate routes from this list. */
export type RegisteredRoute = { method: string; url: string; auth: RouteAuth | undefined };

declare module 'fastify' {
  interface FastifyContextConfig {
    auth?: RouteAuth;
    /**
     * With REQUIRE_EMAIL_VERIFICATION, an account whose email is not verified may still call
     * this mutation (its own profile, password, and asking for a new link); others are refused.
     */
    allowUnverifiedEmail?: boolean;
  }
  interface FastifyInstance {
    registeredRoutes: readonly RegisteredRoute[];
  }
  interface FastifyRequest {
    auth: AuthenticatedUser | null;
    sessionToken: string | undefined;
  }
}

export type BearerAuthenticator = (token: string) => Promise<AuthenticatedUser | undefined>;

/** Who a bearer token stands for, asking each kind of token in turn; none knowing it is a 401. */
export async function authenticateBearer(
  authenticators: readonly BearerAuthenticator[],
  token: string,
): Promise<AuthenticatedUser> {
  for (const authenticate of authenticators) {
    const auth = await authenticate(token);
    if (auth) return auth;
  }
  throw new UnauthorizedError('The access token is invalid, expired or revoked.', 'invalid_token');
}

export type AuthPluginOptions = {
  authenticateSession: (token: string) => Promise<AuthenticatedUser | undefined>;
  bearerAuthenticators: BearerAuthenticator[];
  secureCookies: boolean;
  /** REQUIRE_EMAIL_VERIFICATION: unverified accounts may read, but change only their profile. */
  requireVerifiedEmail?: boolean;
};

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Admin powers need the admin role AND the admin scope, and nothing else may stand in for the
 * scope: an admin's token with, say, only `profile` or `money:write` must not reach them. Checked
 * when routes are registered, so a new admin route cannot forget it.
 */
function adminRuleProblem(rule: RouteAuth | undefined): string | undefined {
  if (typeof rule !== 'object') return undefined;
  const scopes: readonly Scope[] = typeof rule.scope === 'string' ? [rule.scope] : rule.scope;
  const adminRole = rule.roles?.includes('admin') ?? false;
  const adminScope = scopes.includes(ADMIN_SCOPE);
  if (adminRole && (scopes.length !== 1 || !adminScope))
    return `needs exactly the "${ADMIN_SCOPE}" scope, as it is for admins`;
  if (adminScope && (rule.roles?.length !== 1 || !adminRole))
    return `needs the admin role (and only it), as it asks for the "${ADMIN_SCOPE}" scope`;
  return undefined;
}

export function setSessionCookies(
  reply: FastifyReply,
  session: { token: string; expiresAt: Date },
  secure: boolean,
) {
  const common = { path: '/', sameSite: 'lax' as const, secure, expires: session.expiresAt };
  reply.setCookie(SESSION_COOKIE, session.token, { ...common, httpOnly: true });
  // Readable by the page on purpose: it echoes the value in x-csrf-token (double submit).
  reply.setCookie(CSRF_COOKIE, newSecret(24), { ...common, httpOnly: false });
}

export function clearSessionCookies(reply: FastifyReply) {
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
  reply.clearCookie(CSRF_COOKIE, { path: '/' });
}

export function requireUser(request: FastifyRequest): AuthenticatedUser {
  if (!request.auth) throw new UnauthorizedError();
  return request.auth;
}

async function authPlugin(app: FastifyInstance, options: AuthPluginOptions) {
  app.decorateRequest('auth', null);
  app.decorateRequest('sessionToken', undefined);

  const registered: RegisteredRoute[] = [];
  app.decorate('registeredRoutes', registered);
  app.addHook('onRoute', (route) => {
    if (route.url.startsWith('/api/v1/') && route.config?.auth === undefined) {
      throw new Error(`Route ${String(route.method)} ${route.url} does not declare config.auth`);
    }
    const adminProblem = adminRuleProblem(route.config?.auth);
    if (adminProblem) throw new Error(`Route ${String(route.method)} ${route.url} ${adminProblem}`);
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods)
      registered.push({ method: String(method), url: route.url, auth: route.config?.auth });
  });

  app.addHook('onRequest', async (request) => {
    if (request.routeOptions.config.auth === 'external') return;
    const header = request.headers.authorization;
    if (header !== undefined) {
      const match = /^Bearer\s+(\S+)$/i.exec(header);
      if (!match?.[1])
        throw new UnauthorizedError(
          'The Authorization header must be "Bearer <token>".',
          'invalid_token',
        );
      request.auth = await authenticateBearer(options.bearerAuthenticators, match[1]);
      return;
    }
    const sessionToken = request.cookies[SESSION_COOKIE];
    if (!sessionToken) return;
    const auth = await options.authenticateSession(sessionToken);
    if (auth) {
      request.auth = auth;
      request.sessionToken = sessionToken;
    }
  });

  // Before validation: a caller who may not use a route learns nothing about its input rules,
  // and their body is never validated (401/403 come before 400).
  app.addHook('preValidation', async (request) => {
    const rule = request.routeOptions.config.auth;
    if (rule === undefined || rule === 'public' || rule === 'optional' || rule === 'external')
      return;
    const auth = requireUser(request);
    if (auth.via === 'session' && !SAFE_METHODS.has(request.method)) {
      const cookie = request.cookies[CSRF_COOKIE];
      const header = request.headers[CSRF_HEADER];
      if (!cookie || cookie !== header) {
        throw new ForbiddenError(
          `Missing or wrong ${CSRF_HEADER} header: echo the ${CSRF_COOKIE} cookie.`,
          'csrf_failed',
        );
      }
    }
    const anyOf: readonly Scope[] = typeof rule.scope === 'string' ? [rule.scope] : rule.scope;
    if (!anyOf.some((scope) => auth.scopes.includes(scope))) {
      throw new ForbiddenError(
        `This token lacks the "${anyOf.join('" or "')}" scope.`,
        'insufficient_scope',
        {
          requiredScope: anyOf.length === 1 ? anyOf[0] : anyOf,
        },
      );
    }
    if (rule.roles && !rule.roles.some((role) => auth.user.roles.includes(role))) {
      throw new ForbiddenError(
        `This needs the ${rule.roles.join(' or ')} role on your account.`,
        'role_required',
        { requiredRoles: rule.roles },
      );
    }
    if (
      options.requireVerifiedEmail &&
      !SAFE_METHODS.has(request.method) &&
      auth.user.email_verified_at === null &&
      !request.routeOptions.config.allowUnverifiedEmail
    ) {
      throw new ForbiddenError(
        'Confirm your email address first: open the link we sent you, or send a new one from your settings.',
        'email_unverified',
      );
    }
  });
}

export default fp(authPlugin, { name: 'auth', dependencies: ['@fastify/cookie'] });
