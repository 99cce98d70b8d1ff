import { z } from 'zod';
import { idSchema, pageOf, pageQuerySchema, personSchema } from './common.js';
import { endpoint } from './endpoint.js';

/** Appeals of rejections (DESIGN §11). */
export const APPEAL_STATUSES = ['open', 'overturned', 'upheld'] as const;
export type AppealStatus = (typeof APPEAL_STATUSES)[number];

export const APPEAL_DECISIONS = ['overturn', 'uphold'] as const;

export const APPEAL_LIMITS = {
  /** A worker's appeal and a requester's answer: room for an explanation, not an essay. */
  messageMax: 2_000,
} as const;

const messageSchema = z
  .string({ message: 'is required' })
  .trim()
  .min(1, 'is required')
  .max(APPEAL_LIMITS.messageMax, `must be at most ${APPEAL_LIMITS.messageMax} characters`);

/** An assignment's appeal, in short, where the assignment is shown. */
export const appealSummarySchema = z.object({
  id: z.string(),
  status: z.enum(APPEAL_STATUSES),
  /** Until when the requester may answer; after it the rejection is overturned by itself. */
  responseDeadline: z.string(),
});

/**
 * What a worker's view of an assignment adds: until when a rejection may be appealed (null unless
 * rejected), and its appeal once there is one.
 */
export const assignmentAppealShape = {
  appealDeadline: z.string().nullable(),
  appeal: appealSummarySchema.nullable(),
};
export type AssignmentAppealFields = z.infer<z.ZodObject<typeof assignmentAppealShape>>;

/** One turn of an appeal's conversation, oldest first. */
export const appealTurnSchema = z.object({
  kind: z.enum(['rejection', 'appeal', 'decision']),
  /** Who said it; `platform` for an automatic overturn once the response window passed. */
  from: z.enum(['requester', 'worker', 'platform']),
  /** Shown as text: never rendered as HTML. Null for an overturn given without a message. */
  message: z.string().nullable(),
  at: z.string(),
});

export const appealSchema = z.object({
  id: z.string(),
  assignmentId: z.string(),
  projectId: z.string(),
  projectTitle: z.string(),
  worker: personSchema,
  requesterId: z.string(),
  status: z.enum(APPEAL_STATUSES),
  /** Overturned by the sweep because the requester did not answer in time. */
  automatic: z.boolean(),
  rewardCents: z.number().int(),
  createdAt: z.string(),
  responseDeadline: z.string(),
  decidedAt: z.string().nullable(),
  conversation: z.array(appealTurnSchema),
});
export type Appeal = z.infer<typeof appealSchema>;

export const appealBodySchema = z.strictObject({ message: messageSchema });

export const decideBodySchema = z
  .strictObject({
    decision: z.enum(APPEAL_DECISIONS, { message: 'must be overturn or uphold' }),
    /** Required to uphold (the worker is owed a reason); optional to overturn. */
    message: z
      .string()
      .trim()
      .max(APPEAL_LIMITS.messageMax, `must be at most ${APPEAL_LIMITS.messageMax} characters`)
      .optional(),
  })
  .superRefine((body, ctx) => {
    if (body.decision === 'uphold' && !body.message) {
      ctx.addIssue({ code: 'custom', path: ['message'], message: 'is required to uphold' });
    }
  });
export type DecideBody = z.infer<typeof decideBodySchema>;

export const appealListQuerySchema = pageQuerySchema.extend({
  status: z.enum(APPEAL_STATUSES).optional(),
});

export const appealListSchema = pageOf(appealSchema).extend({
  /** Appeals still waiting for an answer (the review area's badge). */
  openCount: z.number().int(),
});

const params = z.strictObject({ id: idSchema });

export const appealEndpoints = {
  appeal: endpoint({
    tag: 'appeals',
    auth: { scope: 'work:write', roles: ['worker'] },
    method: 'POST',
    path: '/assignments/:id/appeal',
    summary: 'Appeal the rejection of my work, with a message, within the appeal window',
    description: `Once per assignment, while \`appealDeadline\` (on the assignment) has not passed. The requester answers within the response window, or the rejection is overturned and paid automatically. Messages are text, at most ${APPEAL_LIMITS.messageMax} characters.`,
    params,
    body: appealBodySchema,
    response: appealSchema,
    status: 201,
  }),
  decide: endpoint({
    tag: 'appeals',
    auth: { scope: 'review:write', roles: ['requester'] },
    method: 'POST',
    path: '/appeals/:id/decide',
    summary: 'Answer an appeal of my rejection: overturn (pay the worker) or uphold with a message',
    description:
      'Only while the appeal is open. An overturn pays the worker as a reversed rejection does (from escrow, or from available funds: 409 insufficient_funds when short), even past the 30-day reversal window. Upholding needs a message and is refused once the response window has passed.',
    params,
    body: decideBodySchema,
    response: appealSchema,
  }),
  get: endpoint({
    tag: 'appeals',
    auth: { scope: ['work:read', 'projects:read'], roles: ['worker', 'requester'] },
    method: 'GET',
    path: '/appeals/:id',
    summary: 'One appeal with its conversation (its worker or the project’s requester)',
    params,
    response: appealSchema,
  }),
  mine: endpoint({
    tag: 'appeals',
    auth: { scope: 'work:read', roles: ['worker'] },
    method: 'GET',
    path: '/me/appeals',
    summary: 'My appeals, newest first',
    query: appealListQuerySchema,
    response: appealListSchema,
  }),
  project: endpoint({
    tag: 'appeals',
    auth: { scope: 'projects:read', roles: ['requester'] },
    method: 'GET',
    path: '/projects/:id/appeals',
    summary: 'Appeals of rejections on my project, newest first, with how many are open',
    params,
    query: appealListQuerySchema,
    response: appealListSchema,
  }),
};
