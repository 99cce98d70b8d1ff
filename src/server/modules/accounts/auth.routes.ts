import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { loginBodySchema, signupBodySchema, userSchema } from '../../../shared/api/accounts.js';
import { okSchema } from '../../../shared/api/common.js';
import { clearSessionCookies, setSessionCookies } from '../../plugins/auth.js';
import type { UserRow } from '../../db/types.js';
import type { AccountsService } from './accounts.service.js';
import { presentUser } from './accounts.presenters.js';
import { z } from 'zod';

export type AuthRoutesOptions = {
  accounts: AccountsService;
  /** The email module's verification mail (email builds on accounts, so accounts names no email type). */
  email: { sendVerificationAfterSignup(user: UserRow): Promise<void> };
  secureCookies: boolean;
  authRateLimit: { max: number; timeWindow: number };
};

export const authRoutes: FastifyPluginAsyncZod<AuthRoutesOptions> = async (app, opts) => {
  const { accounts, email, secureCookies, authRateLimit } = opts;
  const tags = ['auth'];

  app.post(
    '/auth/signup',
    {
      config: { auth: 'public', rateLimit: authRateLimit },
      schema: {
        tags,
        summary: 'Create an account and sign in',
        body: signupBodySchema,
        response: { 201: z.object({ user: userSchema }) },
      },
    },
    async (request, reply) => {
      const { user, session } = await accounts.signup(
        request.body,
        request.headers['user-agent'] ?? null,
      );
      // Queued, never awaited on the mail server: an SMTP outage does not fail a sign-up.
      await email.sendVerificationAfterSignup(user);
      setSessionCookies(reply, session, secureCookies);
      return reply.status(201).send({ user: presentUser(user) });
    },
  );

  app.post(
    '/auth/login',
    {
      config: { auth: 'public', rateLimit: authRateLimit },
      schema: {
        tags,
        summary:
          'Sign in with email and password (429 with Retry-After after repeated failures for one email)',
        body: loginBodySchema,
        response: { 200: z.object({ user: userSchema }) },
      },
    },
    async (request, reply) => {
      const { user, session } = await accounts.login(
        request.body,
        request.headers['user-agent'] ?? null,
        request.auth?.via === 'session' ? request.auth.user.id : undefined,
      );
      setSessionCookies(reply, session, secureCookies);
      return { user: presentUser(user) };
    },
  );

  app.post(
    '/auth/logout',
    {
      config: { auth: 'optional' },
      schema: { tags, summary: 'Sign out of this session', response: { 200: okSchema } },
    },
    async (request, reply) => {
      if (request.sessionToken) await accounts.logout(request.sessionToken);
      clearSessionCookies(reply);
      return { ok: true as const };
    },
  );

  app.get(
    '/auth/session',
    {
      config: { auth: 'optional' },
      schema: {
        tags,
        summary: 'Who is signed in here, if anyone',
        description:
          'Always 200: `user` is null when the caller is signed out, so a page can ask without an error. ' +
          'A token without the `profile` scope gets null too.',
        response: { 200: z.object({ user: userSchema.nullable() }) },
      },
    },
    async (request) => {
      const auth = request.auth;
      if (!auth?.scopes.includes('profile')) return { user: null };
      return { user: presentUser(await accounts.getUser(auth.user.id)) };
    },
  );
};
