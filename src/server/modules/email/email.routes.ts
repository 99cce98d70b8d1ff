import type { FastifyPluginAsync } from 'fastify';
import { emailEndpoints as endpoints } from '../../../shared/api/email.js';
import { serveEndpoint } from '../../lib/endpoint-route.js';
import { serveSignedIn } from '../../lib/signed-in-route.js';
import type { EmailService } from './email.service.js';

export type EmailRoutesOptions = {
  email: EmailService;
  verificationRequired: boolean;
  /** Per client address: the auth class of rate limits (RATE_LIMIT_AUTH_PER_MINUTE). */
  authRateLimit: { max: number; timeWindow: number };
};

const RESET_REQUESTED =
  'If an account has this email, we sent it a link to choose a new password. It works once, for an hour.';

export const emailRoutes: FastifyPluginAsync<EmailRoutesOptions> = async (app, opts) => {
  const { email, authRateLimit } = opts;
  const rateLimited = { rateLimit: authRateLimit };

  serveEndpoint(app, endpoints.site, async () => ({
    delivery: email.delivery,
    verificationRequired: opts.verificationRequired,
  }));

  serveEndpoint(
    app,
    endpoints.requestPasswordReset,
    async (request) => {
      await email.requestPasswordReset(request.body.email);
      return { ok: true as const, message: RESET_REQUESTED };
    },
    rateLimited,
  );

  serveEndpoint(
    app,
    endpoints.resetPassword,
    async (request) => {
      await email.resetPassword(request.body);
      return { ok: true as const };
    },
    rateLimited,
  );

  serveEndpoint(
    app,
    endpoints.verifyEmail,
    async (request) => {
      await email.verifyEmail(request.body.token);
      return { ok: true as const };
    },
    rateLimited,
  );

  serveSignedIn(
    app,
    endpoints.resendVerification,
    async (_request, { user }) => ({
      ...(await email.resendVerification(user.id)),
      delivery: email.delivery,
    }),
    { allowUnverifiedEmail: true },
  );

  serveSignedIn(app, endpoints.adminResetLink, async (request, { user }) => {
    const link = await email.issueResetLinkByAdmin(user.id, request.params.id);
    return { url: link.url, expiresAt: link.expiresAt.toISOString() };
  });
};
