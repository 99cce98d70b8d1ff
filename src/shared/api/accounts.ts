import { z } from 'zod';
import { LIMITS } from '../limits.js';
import { SCOPES } from '../scopes.js';
import { idSchema, okSchema, pagedList, pageQueryWith, wholeListOf } from './common.js';
import { adminOnly } from './access.js';
import { endpoint } from './endpoint.js';

export const ROLES = ['worker', 'requester', 'admin'] as const;
export const SELF_SERVE_ROLES = ['worker', 'requester'] as const;
export type Role = (typeof ROLES)[number];
export const USER_STATUSES = ['active', 'suspended'] as const;
export type UserStatus = (typeof USER_STATUSES)[number];

const trimmed = (max: number) => z.string().trim().max(max, `must be at most ${max} characters`);

export const emailSchema = z
  .email({ message: 'must be a valid email address' })
  .max(LIMITS.emailMax, `must be at most ${LIMITS.emailMax} characters`);
export const passwordSchema = z
  .string()
  .min(LIMITS.passwordMin, `must be at least ${LIMITS.passwordMin} characters`)
  .max(LIMITS.passwordMax, `must be at most ${LIMITS.passwordMax} characters`);
export const displayNameSchema = trimmed(LIMITS.displayNameMax).min(1, 'must not be empty');
export const handleSchema = z
  .string()
  .min(LIMITS.handleMin, `must be at least ${LIMITS.handleMin} characters`)
  .max(LIMITS.handleMax, `must be at most ${LIMITS.handleMax} characters`)
  .regex(/^[a-zA-Z0-9_-]+$/, 'may contain only letters, digits, "_" and "-"');
export const countrySchema = z
  .string()
  .regex(/^[A-Z]{2}$/, 'must be a two-letter ISO 3166 country code, e.g. "DE"');
export const timezoneSchema = z
  .string()
  .max(64)
  .refine((tz) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  }, 'must be an IANA time zone, e.g. "Europe/Berlin"');

export const userSchema = z.object({
  id: z.string(),
  email: z.string(),
  displayName: z.string(),
  handle: z.string(),
  roles: z.array(z.enum(ROLES)),
  status: z.enum(USER_STATUSES),
  bio: z.string(),
  country: z.string().nullable(),
  timezone: z.string().nullable(),
  /** Whether the public record shows what this user earned as a worker. */
  showEarnings: z.boolean(),
  /** Whether the owner confirmed the email address through a link sent to it. */
  emailVerified: z.boolean(),
  /** Whether the owner gets a daily email of their unread notifications. */
  emailDigest: z.boolean(),
  createdAt: z.string(),
});
export type User = z.infer<typeof userSchema>;

/** What anyone may see of a user: nothing private (no email, no status). */
export const publicProfileSchema = z.object({
  id: z.string(),
  displayName: z.string(),
  handle: z.string(),
  roles: z.array(z.enum(ROLES)),
  bio: z.string(),
  country: z.string().nullable(),
  memberSince: z.string(),
});
export type PublicProfile = z.infer<typeof publicProfileSchema>;

export const signupBodySchema = z.strictObject({
  email: emailSchema,
  password: passwordSchema,
  displayName: displayNameSchema,
  roles: z
    .array(z.enum(SELF_SERVE_ROLES))
    .min(1, 'choose at least one role: worker or requester')
    .max(2),
});
export type SignupBody = z.infer<typeof signupBodySchema>;

export const loginBodySchema = z.strictObject({
  email: z.string().max(LIMITS.emailMax),
  password: z.string().max(LIMITS.passwordMax),
});
export type LoginBody = z.infer<typeof loginBodySchema>;

export const updateMeBodySchema = z.strictObject({
  displayName: displayNameSchema.optional(),
  handle: handleSchema.optional(),
  bio: trimmed(LIMITS.bioMax).optional(),
  country: countrySchema.nullable().optional(),
  timezone: timezoneSchema.nullable().optional(),
  showEarnings: z.boolean().optional(),
  emailDigest: z.boolean().optional(),
});
export type UpdateMeBody = z.infer<typeof updateMeBodySchema>;

export const changePasswordBodySchema = z.strictObject({
  currentPassword: z.string().max(LIMITS.passwordMax),
  newPassword: passwordSchema,
  /**
   * Also revoke every personal access token and disconnect every app (OAuth grants and their
   * tokens). On unless turned off: whoever knew the old password may have made either.
   */
  revokeTokens: z.boolean().default(true),
});
export type ChangePasswordBody = z.input<typeof changePasswordBodySchema>;

export const addRoleBodySchema = z.strictObject({ role: z.enum(SELF_SERVE_ROLES) });

export const createTokenBodySchema = z.strictObject({
  name: trimmed(LIMITS.tokenNameMax).min(1, 'must not be empty'),
  scopes: z.array(z.enum(SCOPES)).min(1, 'choose at least one scope'),
  expiresInDays: z.number().int().min(1).max(3650).optional(),
});
export type CreateTokenBody = z.infer<typeof createTokenBodySchema>;

export const tokenSchema = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  scopes: z.array(z.enum(SCOPES)),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  expiresAt: z.string().nullable(),
});
export type ApiToken = z.infer<typeof tokenSchema>;
export const createdTokenSchema = tokenSchema.extend({ token: z.string() });
/** Every token at once: an account has few, so the list is never paged. */
export const tokenListSchema = wholeListOf(tokenSchema);

export const adminUserQuerySchema = pageQueryWith({
  q: z.string().trim().max(LIMITS.searchMax).optional(),
  status: z.enum(USER_STATUSES).optional(),
  role: z.enum(ROLES).optional(),
});

export const userIdParamsSchema = z.strictObject({ id: idSchema });
export const tokenIdParamsSchema = z.strictObject({ id: idSchema });
/** A user named in a public address: by id or by handle. */
export const idOrHandleParamsSchema = z.strictObject({ idOrHandle: z.string().min(1).max(64) });

export const userEnvelopeSchema = z.object({ user: userSchema });

const me = { tag: 'me', auth: { scope: 'profile' } } as const;
const tokens = { tag: 'tokens', auth: { scope: 'profile' } } as const;

export const accountEndpoints = {
  signup: endpoint({
    tag: 'auth',
    auth: 'public',
    method: 'POST',
    path: '/auth/signup',
    summary: 'Create an account and sign in',
    body: signupBodySchema,
    response: userEnvelopeSchema,
    status: 201,
  }),
  login: endpoint({
    tag: 'auth',
    auth: 'public',
    method: 'POST',
    path: '/auth/login',
    summary:
      'Sign in with email and password (429 with Retry-After after repeated failures for one email)',
    body: loginBodySchema,
    response: userEnvelopeSchema,
  }),
  logout: endpoint({
    tag: 'auth',
    auth: 'optional',
    method: 'POST',
    path: '/auth/logout',
    summary: 'Sign out of this session',
    response: okSchema,
  }),
  session: endpoint({
    tag: 'auth',
    auth: 'optional',
    method: 'GET',
    path: '/auth/session',
    summary: 'Who is signed in here, if anyone',
    description:
      'Always 200: `user` is null when the caller is signed out, so a page can ask without an error. ' +
      'A token without the `profile` scope gets null too.',
    response: z.object({ user: userSchema.nullable() }),
  }),
  me: endpoint({
    ...me,
    method: 'GET',
    path: '/me',
    summary: 'The signed-in user',
    response: userSchema,
  }),
  updateMe: endpoint({
    ...me,
    method: 'PATCH',
    path: '/me',
    summary: 'Edit my profile',
    body: updateMeBodySchema,
    response: userSchema,
  }),
  changePassword: endpoint({
    ...me,
    method: 'POST',
    path: '/me/password',
    summary:
      'Change my password (signs out my other sessions; unless revokeTokens is false, also revokes my access tokens and disconnects my apps)',
    body: changePasswordBodySchema,
    response: okSchema,
  }),
  addRole: endpoint({
    ...me,
    method: 'POST',
    path: '/me/roles',
    summary: 'Add a role to my account',
    body: addRoleBodySchema,
    response: userSchema,
  }),
  publicProfile: endpoint({
    tag: 'users',
    auth: 'optional',
    method: 'GET',
    path: '/users/:idOrHandle',
    summary: 'A public profile, by id or handle',
    params: idOrHandleParamsSchema,
    response: publicProfileSchema,
  }),
  createToken: endpoint({
    ...tokens,
    method: 'POST',
    path: '/me/tokens',
    summary: 'Create a personal access token (shown once)',
    body: createTokenBodySchema,
    response: createdTokenSchema,
    status: 201,
  }),
  listTokens: endpoint({
    ...tokens,
    method: 'GET',
    path: '/me/tokens',
    summary: 'My personal access tokens',
    response: tokenListSchema,
  }),
  deleteToken: endpoint({
    ...tokens,
    method: 'DELETE',
    path: '/me/tokens/:id',
    summary: 'Revoke a token',
    params: tokenIdParamsSchema,
    response: okSchema,
  }),
};

export const adminUserEndpoints = {
  list: endpoint({
    ...adminOnly,
    ...pagedList(adminUserQuerySchema, userSchema),
    path: '/admin/users',
    summary: 'List and search users',
  }),
  suspend: endpoint({
    ...adminOnly,
    method: 'POST',
    path: '/admin/users/:id/suspend',
    summary: 'Suspend a user (ends their sessions)',
    params: userIdParamsSchema,
    response: userSchema,
  }),
  reinstate: endpoint({
    ...adminOnly,
    method: 'POST',
    path: '/admin/users/:id/reinstate',
    summary: 'Reinstate a suspended user',
    params: userIdParamsSchema,
    response: userSchema,
  }),
};
