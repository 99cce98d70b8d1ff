import type { FastifyPluginAsync } from 'fastify';
import { accountEndpoints as endpoints } from '../../../shared/api/accounts.js';
import { serveEndpoint } from '../../lib/endpoint-route.js';
import { clearSessionCookies, setSessionCookies } from '../../plugins/auth.js';
import type { UserRow } from '../../db/types.js';
import type { AccountsService } from './accounts.service.js';
import { presentUser } from './accounts.presenters.js';

export type AuthRoutesOptions = {
  accounts: AccountsService;
  /** The email module's verification mail (email builds on accounts, so accounts names no email type). */
  email: { sendVerificationAfterSignup(user: UserRow): Promise<void> };
  secureCookies: boolean;
  authRateLimit: { max: number; timeWindow: number };
};

export const authRoutes: FastifyPluginAsync<AuthRoutesOptions> = async (app, opts) => {
  const { accounts, email, secureCookies, authRateLimit } = opts;

  serveEndpoint(
    app,
    endpoints.signup,
    async (request, reply) => {
      const { user, session } = await accounts.signup(
        request.body,
        request.headers['user-agent'] ?? null,
      );
      // Queued, never awaited on the mail server: an SMTP outage does not fail a sign-up.
      await email.sendVerificationAfterSignup(user);
      setSessionCookies(reply, session, secureCookies);
      return { user: presentUser(user) };
    },
    { rateLimit: authRateLimit },
  );

  serveEndpoint(
    app,
    endpoints.login,
    async (request, reply) => {
      const { user, session } = await accounts.login(
        request.body,
        request.headers['user-agent'] ?? null,
        request.auth?.via === 'session' ? request.auth.user.id : undefined,
      );
      setSessionCookies(reply, session, secureCookies);
      return { user: presentUser(user) };
    },
    { rateLimit: authRateLimit },
  );

  serveEndpoint(app, endpoints.logout, async (request, reply) => {
    if (request.sessionToken) await accounts.logout(request.sessionToken);
    clearSessionCookies(reply);
    return { ok: true as const };
  });

  serveEndpoint(app, endpoints.session, async (request) => {
    const auth = request.auth;
    if (!auth?.scopes.includes('profile')) return { user: null };
    return { user: presentUser(await accounts.getUser(auth.user.id)) };
  });
};
