import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { userIdParamsSchema } from '../../../shared/api/accounts.js';
import { okSchema } from '../../../shared/api/common.js';
import {
  adminResetLinkSchema,
  emailVerificationBodySchema,
  passwordResetBodySchema,
  passwordResetRequestBodySchema,
  passwordResetRequestedSchema,
  siteEmailSchema,
  verificationSentSchema,
} from '../../../shared/api/email.js';
import { requireUser } from '../../plugins/auth.js';
import type { EmailService } from './email.service.js';

export type EmailRoutesOptions = {
  email: EmailService;
  verificationRequired: boolean;
  /** Per client address: the auth class of rate limits (RATE_LIMIT_AUTH_PER_MINUTE). */
  authRateLimit: { max: number; timeWindow: number };
};

const RESET_REQUESTED =
  'If an account has this email, we sent it a link to choose a new password. It works once, for an hour.';

export const emailRoutes: FastifyPluginAsyncZod<EmailRoutesOptions> = async (app, opts) => {
  const { email, authRateLimit } = opts;

  app.get(
    '/site/email',
    {
      config: { auth: 'public' },
      schema: {
        tags: ['auth'],
        summary: 'Whether this site sends email, and whether accounts must verify theirs',
        response: { 200: siteEmailSchema },
      },
    },
    async () => ({ delivery: email.delivery, verificationRequired: opts.verificationRequired }),
  );

  app.post(
    '/auth/password-reset',
    {
      config: { auth: 'public', rateLimit: authRateLimit },
      schema: {
        tags: ['auth'],
        summary: 'Email a password reset link (the same answer whether or not the account exists)',
        body: passwordResetRequestBodySchema,
        response: { 202: passwordResetRequestedSchema },
      },
    },
    async (request, reply) => {
      await email.requestPasswordReset(request.body.email);
      return reply.status(202).send({ ok: true as const, message: RESET_REQUESTED });
    },
  );

  app.post(
    '/auth/password-reset/confirm',
    {
      config: { auth: 'public', rateLimit: authRateLimit },
      schema: {
        tags: ['auth'],
        summary:
          'Set a new password with an emailed reset link (works once; signs out every session and revokes tokens and apps)',
        body: passwordResetBodySchema,
        response: { 200: okSchema },
      },
    },
    async (request) => {
      await email.resetPassword(request.body);
      return { ok: true as const };
    },
  );

  app.post(
    '/auth/email-verification/confirm',
    {
      config: { auth: 'public', rateLimit: authRateLimit },
      schema: {
        tags: ['auth'],
        summary: 'Confirm an email address with the link sent to it',
        body: emailVerificationBodySchema,
        response: { 200: okSchema },
      },
    },
    async (request) => {
      await email.verifyEmail(request.body.token);
      return { ok: true as const };
    },
  );

  app.post(
    '/me/email-verification',
    {
      config: { auth: { scope: 'profile' }, allowUnverifiedEmail: true },
      schema: {
        tags: ['me'],
        summary: 'Send me a new email verification link (a few per hour)',
        response: { 202: verificationSentSchema },
      },
    },
    async (request, reply) => {
      const result = await email.resendVerification(requireUser(request).user.id);
      return reply.status(202).send({ ...result, delivery: email.delivery });
    },
  );

  app.post(
    '/admin/users/:id/password-reset-link',
    {
      config: { auth: { scope: 'admin', roles: ['admin'] } },
      schema: {
        tags: ['admin'],
        summary:
          'Issue a one-time password reset link for a user, to hand over yourself (shown once; audited)',
        params: userIdParamsSchema,
        response: { 201: adminResetLinkSchema },
      },
    },
    async (request, reply) => {
      const link = await email.issueResetLinkByAdmin(
        requireUser(request).user.id,
        request.params.id,
      );
      return reply.status(201).send({ url: link.url, expiresAt: link.expiresAt.toISOString() });
    },
  );
};
