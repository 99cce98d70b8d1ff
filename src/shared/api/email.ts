import { z } from 'zod';
import { LIMITS } from '../limits.js';
import { passwordSchema, userIdParamsSchema } from './accounts.js';
import { okSchema } from './common.js';
import { adminOnly } from './access.js';
import { endpoint } from './endpoint.js';

/** A token from an emailed link: base64url, as the server makes them. */
const linkTokenSchema = z
  .string()
  .min(1, 'is missing: open the link from the email again')
  .max(200, 'is not a link token')
  .regex(/^[A-Za-z0-9_-]+$/, 'is not a link token');

/** What a one-time emailed link is for. */
export const EMAIL_TOKEN_PURPOSES = ['password_reset', 'email_verification'] as const;
export type EmailTokenPurpose = (typeof EMAIL_TOKEN_PURPOSES)[number];

export const passwordResetRequestBodySchema = z.strictObject({
  email: z.string().trim().min(1, 'enter your email address').max(LIMITS.emailMax),
});
export type PasswordResetRequestBody = z.infer<typeof passwordResetRequestBodySchema>;

/** The same answer whether or not the email has an account. */
export const passwordResetRequestedSchema = z.object({ ok: z.literal(true), message: z.string() });

export const passwordResetBodySchema = z.strictObject({
  token: linkTokenSchema,
  password: passwordSchema,
});
export type PasswordResetBody = z.infer<typeof passwordResetBodySchema>;

export const emailVerificationBodySchema = z.strictObject({ token: linkTokenSchema });
export type EmailVerificationBody = z.infer<typeof emailVerificationBodySchema>;

export const verificationSentSchema = z.object({
  /** The address was verified already: nothing was sent. */
  alreadyVerified: z.boolean(),
  /** `log` when the server has no mail server: the link went to its log, ask an admin. */
  delivery: z.enum(['smtp', 'log']),
});
export type VerificationSent = z.infer<typeof verificationSentSchema>;

/** An admin-issued reset link: shown once, never stored. */
export const adminResetLinkSchema = z.object({ url: z.string(), expiresAt: z.string() });
export type AdminResetLink = z.infer<typeof adminResetLinkSchema>;

/** What the web app needs to know about this site's email, before anyone is signed in. */
export const siteEmailSchema = z.object({
  /** `log`: no mail server is configured; links go to the server's log instead. */
  delivery: z.enum(['smtp', 'log']),
  /** REQUIRE_EMAIL_VERIFICATION: unverified accounts may change only their own profile. */
  verificationRequired: z.boolean(),
});
export type SiteEmail = z.infer<typeof siteEmailSchema>;

export const emailEndpoints = {
  site: endpoint({
    tag: 'auth',
    auth: 'public',
    method: 'GET',
    path: '/site/email',
    summary: 'Whether this site sends email, and whether accounts must verify theirs',
    response: siteEmailSchema,
  }),
  requestPasswordReset: endpoint({
    tag: 'auth',
    auth: 'public',
    method: 'POST',
    path: '/auth/password-reset',
    summary: 'Email a password reset link (the same answer whether or not the account exists)',
    body: passwordResetRequestBodySchema,
    response: passwordResetRequestedSchema,
    status: 202,
  }),
  resetPassword: endpoint({
    tag: 'auth',
    auth: 'public',
    method: 'POST',
    path: '/auth/password-reset/confirm',
    summary:
      'Set a new password with an emailed reset link (works once; signs out every session and revokes tokens and apps)',
    body: passwordResetBodySchema,
    response: okSchema,
  }),
  verifyEmail: endpoint({
    tag: 'auth',
    auth: 'public',
    method: 'POST',
    path: '/auth/email-verification/confirm',
    summary: 'Confirm an email address with the link sent to it',
    body: emailVerificationBodySchema,
    response: okSchema,
  }),
  resendVerification: endpoint({
    tag: 'me',
    auth: { scope: 'profile' },
    method: 'POST',
    path: '/me/email-verification',
    summary: 'Send me a new email verification link (a few per hour)',
    response: verificationSentSchema,
    status: 202,
  }),
  adminResetLink: endpoint({
    ...adminOnly,
    method: 'POST',
    path: '/admin/users/:id/password-reset-link',
    summary:
      'Issue a one-time password reset link for a user, to hand over yourself (shown once; audited)',
    params: userIdParamsSchema,
    response: adminResetLinkSchema,
    status: 201,
  }),
};
