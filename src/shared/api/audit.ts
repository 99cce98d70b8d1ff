import { z } from 'zod';
import { LIMITS } from '../limits.js';
import { idSchema, pagedList, pageQuerySchema } from './common.js';
import { adminOnly } from './access.js';
import { endpoint } from './endpoint.js';

/** Who did it, or to whom: an account by id and its display name (null once deleted). */
const personSchema = z.object({ id: z.string(), displayName: z.string().nullable() });

/** One entry of the audit log (DESIGN §11). */
export const auditEntrySchema = z.object({
  id: z.string(),
  at: z.string(),
  /** A stable name such as `user.suspended` or `access_key.created`. */
  action: z.string(),
  /** Null for what the platform did by itself (a sweep) or an operator at the command line. */
  actor: personSchema.nullable(),
  /** The account acted on, when there is one. */
  subjectUser: personSchema.nullable(),
  /** What else was acted on: a token, a key, an app, a deposit, a payout … */
  target: z.object({ type: z.string(), id: z.string() }).nullable(),
  /** The `x-request-id` of the request that did it; null outside a request. */
  requestId: z.string().nullable(),
  /** Facts of the change for reading (never a secret). */
  details: z.record(z.string(), z.unknown()),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

const timeSchema = z.iso.datetime({
  offset: true,
  message: 'must be an ISO-8601 date and time, e.g. 2026-12-31T23:59:59Z',
});

export const adminAuditQuerySchema = pageQuerySchema
  .extend({
    actorId: idSchema.optional(),
    subjectUserId: idSchema.optional(),
    /** An action, or a family of them by its start with the dot: `user.`. */
    action: z
      .string()
      .trim()
      .max(LIMITS.searchMax)
      .regex(
        /^[a-z_]+(\.[a-z_]*)*$/,
        'must be an action such as user.suspended, or a prefix such as user.',
      )
      .optional(),
    from: timeSchema.optional(),
    to: timeSchema.optional(),
  })
  .refine((q) => !q.from || !q.to || Date.parse(q.from) < Date.parse(q.to), {
    message: 'must be after from',
    path: ['to'],
  });

export const auditEndpoints = {
  search: endpoint({
    ...adminOnly,
    ...pagedList(adminAuditQuerySchema, auditEntrySchema),
    path: '/admin/audit',
    summary: 'Search the audit log',
    description:
      'Admin actions, role changes, suspensions, creation and deletion of tokens, access keys and apps, deposits and payouts, newest first, each with who did it, to whom, what it was done to and the request id. Filter by actor, by the user acted on, by action (or a prefix ending with ".") and by time.',
  }),
  mine: endpoint({
    tag: 'me',
    auth: { scope: 'profile' },
    ...pagedList(pageQuerySchema, auditEntrySchema),
    path: '/me/audit',
    summary: 'My audit log: what I did, and what was done to my account',
  }),
};
