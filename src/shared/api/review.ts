import { z } from 'zod';
import { assignmentAppealShape } from './appeals.js';
import { handleSchema } from './accounts.js';
import {
  idSchema,
  okSchema,
  pagedList,
  pageQuerySchema,
  pageQueryWith,
  personSchema,
} from './common.js';
import { access } from './access.js';
import { endpoint } from './endpoint.js';
import { centsSchema, idempotencyHeadersSchema } from './money.js';
import { projectParamsSchema } from './projects.js';
import {
  ASSIGNMENT_STATUSES,
  assignmentDetailSchema,
  assignmentParamsSchema,
  assignmentSchema,
} from './work.js';
import { workerReputationSchema } from './reputation.js';

export const REVIEW_LIMITS = {
  reasonMax: 1_000,
  feedbackMax: 1_000,
  /** Ids in one bulk review call. */
  bulkIdsMax: 1_000,
  /** One bonus: far above any real bonus, low enough to catch a typo in cents. */
  bonusCentsMax: 100_000,
  /** A rejection can be reversed (approved after all) until this long after submission. */
  reversalWindowDays: 30,
} as const;

const reasonSchema = z
  .string({ message: 'is required' })
  .trim()
  .min(1, 'is required')
  .max(REVIEW_LIMITS.reasonMax, `must be at most ${REVIEW_LIMITS.reasonMax} characters`);

const timeSchema = z.iso.datetime({
  offset: true,
  message: 'must be an ISO-8601 date and time, e.g. 2026-12-31T23:59:59Z',
});

export const bonusSchema = z.object({
  id: z.string(),
  assignmentId: z.string(),
  projectId: z.string(),
  workerId: z.string(),
  amountCents: z.number().int(),
  /** The platform's fee on top, paid by the requester. */
  feeCents: z.number().int(),
  reason: z.string(),
  createdAt: z.string(),
});
export type Bonus = z.infer<typeof bonusSchema>;

/**
 * Why a submission deserves a closer look (DESIGN §9): its worker was stopped for low accuracy
 * on known-answer tasks, or it came in faster than the project's `minWorkSeconds`.
 */
export const REVIEW_FLAG_KINDS = ['gold_accuracy', 'too_fast'] as const;
export const reviewFlagSchema = z.object({
  kind: z.enum(REVIEW_FLAG_KINDS),
  /** In words, e.g. "stopped: gold accuracy 40 % after 10" or "submitted in 4 s; minimum 30 s". */
  message: z.string(),
});
export type ReviewFlag = z.infer<typeof reviewFlagSchema>;

/** A submission as its requester reviews it: the worker, the task's data, the time spent. */
export const reviewAssignmentSchema = assignmentSchema.extend({
  worker: personSchema,
  task: z.object({
    id: z.string(),
    batchId: z.string(),
    /** The row's line in its own upload: restarts at 1 in every batch. */
    rowNumber: z.number().int(),
    /** The task's number in its project (#1, #2, …), in import order across batches. */
    number: z.number().int(),
    /** Every column of the task's data, in full. */
    data: z.record(z.string(), z.string()),
  }),
  /** Seconds from accept to submit; null until submitted. */
  timeSpentSeconds: z.number().int().nullable(),
  /** When the work is approved by itself if nobody reviews it; null unless submitted. */
  autoApproveAt: z.string().nullable(),
  /** Until when a rejection can still be reversed; null unless submitted. */
  reversibleUntil: z.string().nullable(),
  bonuses: z.array(bonusSchema),
  flags: z.array(reviewFlagSchema),
});
export type ReviewAssignment = z.infer<typeof reviewAssignmentSchema>;

/** `GET /assignments/{id}` for the project's requester: the submission with its filled task. */
export const reviewAssignmentDetailSchema = reviewAssignmentSchema.extend({
  requesterId: z.string(),
  instructions: z.string(),
  hourlyPay: assignmentDetailSchema.shape.hourlyPay,
  timeAllottedSeconds: z.number().int(),
  template: assignmentDetailSchema.shape.template,
});

/**
 * `GET /assignments/{id}` for its worker: the task, any bonuses received for it, and until when
 * a rejection may be appealed (with the appeal once made).
 */
export const workerAssignmentViewSchema = assignmentDetailSchema.extend({
  bonuses: z.array(bonusSchema),
  ...assignmentAppealShape,
});

export const assignmentViewSchema = z.union([
  reviewAssignmentDetailSchema,
  workerAssignmentViewSchema,
]);

export const reviewListQuerySchema = pageQueryWith({
  status: z.enum(ASSIGNMENT_STATUSES).optional(),
  batchId: idSchema.optional(),
  workerId: idSchema.optional(),
});

/** A row of the review list: the work, and its worker's reputation (DESIGN §10). */
export const reviewListItemSchema = reviewAssignmentSchema.extend({
  workerReputation: workerReputationSchema,
});
export type ReviewListItem = z.infer<typeof reviewListItemSchema>;

export const reviewListSchema = z.object({
  items: z.array(reviewListItemSchema),
  nextCursor: z.string().nullable(),
  /** The project's assignments by the status a reader sees (overdue accepted work is expired). */
  counts: z.partialRecord(z.enum(ASSIGNMENT_STATUSES), z.number().int()),
  /**
   * The server's time of this read. As `submittedBefore` of a bulk review it selects exactly the
   * work that had arrived by then, whatever the reviewer's own clock says.
   */
  asOf: z.string(),
});

export const approveBodySchema = z.strictObject({
  feedback: z
    .string()
    .trim()
    .max(REVIEW_LIMITS.feedbackMax, `must be at most ${REVIEW_LIMITS.feedbackMax} characters`)
    .optional(),
});

export const rejectBodySchema = z.strictObject({ reason: reasonSchema });

export const REVIEW_ACTIONS = ['approve', 'reject'] as const;

export const bulkReviewBodySchema = z
  .strictObject({
    action: z.enum(REVIEW_ACTIONS),
    assignmentIds: z
      .array(idSchema)
      .min(1, 'must list at least one id')
      .max(REVIEW_LIMITS.bulkIdsMax, `must list at most ${REVIEW_LIMITS.bulkIdsMax} ids`)
      .optional(),
    /** Only work submitted at or before this time (when the review page was loaded). */
    submittedBefore: timeSchema.optional(),
    reason: reasonSchema.optional(),
  })
  .superRefine((body, ctx) => {
    if (!body.assignmentIds && !body.submittedBefore) {
      ctx.addIssue({
        code: 'custom',
        path: ['assignmentIds'],
        message: 'give assignmentIds, submittedBefore, or both',
      });
    }
    if (body.action === 'reject' && !body.reason) {
      ctx.addIssue({ code: 'custom', path: ['reason'], message: 'is required to reject' });
    }
  });
export type BulkReviewBody = z.infer<typeof bulkReviewBodySchema>;

export const bulkReviewResultSchema = z.object({
  action: z.enum(REVIEW_ACTIONS),
  /** How many submissions this call approved or rejected. */
  changed: z.number().int(),
  /** Listed ids it did not change, with their status (or `not_found`). */
  unchanged: z.array(
    z.object({ id: z.string(), status: z.enum([...ASSIGNMENT_STATUSES, 'not_found']) }),
  ),
});

export const bonusBodySchema = z.strictObject({
  amountCents: centsSchema.max(
    REVIEW_LIMITS.bonusCentsMax,
    `must be at most ${REVIEW_LIMITS.bonusCentsMax} cents`,
  ),
  reason: reasonSchema,
});

export const blockParamsSchema = z.strictObject({
  /** A user id, or a handle. */
  workerId: z.union([idSchema, handleSchema], { message: 'must be a user id or a handle' }),
});

export const blockBodySchema = z.strictObject({ reason: reasonSchema });

export const blockSchema = z.object({
  worker: personSchema,
  reason: z.string(),
  createdAt: z.string(),
});
export type Block = z.infer<typeof blockSchema>;

// Reviewing is a write of its own (review:write), so a token may review without editing projects.
const read = access('review', 'projects:read', ['requester']);
const write = access('review', 'review:write', ['requester']);

export const reviewEndpoints = {
  list: endpoint({
    ...read,
    method: 'GET',
    path: '/projects/:id/assignments',
    summary: 'Work on my project, newest first, with answers, task data and time spent',
    params: projectParamsSchema,
    query: reviewListQuerySchema,
    response: reviewListSchema,
  }),
  approve: endpoint({
    ...write,
    method: 'POST',
    path: '/assignments/:id/approve',
    summary:
      'Approve submitted work and pay it (again: same answer); approving rejected work within 30 days reverses the rejection',
    params: assignmentParamsSchema,
    body: approveBodySchema.optional(),
    response: reviewAssignmentSchema,
  }),
  reject: endpoint({
    ...write,
    method: 'POST',
    path: '/assignments/:id/reject',
    summary: 'Reject submitted work with a reason the worker sees (again: same answer)',
    params: assignmentParamsSchema,
    body: rejectBodySchema,
    response: reviewAssignmentSchema,
  }),
  bulk: endpoint({
    ...write,
    method: 'POST',
    path: '/projects/:id/review',
    summary: 'Approve or reject many submissions: listed ids, or all submitted at or before a time',
    params: projectParamsSchema,
    body: bulkReviewBodySchema,
    response: bulkReviewResultSchema,
  }),
  bonus: endpoint({
    ...write,
    method: 'POST',
    path: '/assignments/:id/bonus',
    summary:
      'Pay the worker a bonus from my available funds (an Idempotency-Key makes retries safe)',
    params: assignmentParamsSchema,
    headers: idempotencyHeadersSchema,
    body: bonusBodySchema,
    response: bonusSchema,
    status: 201,
  }),
  block: endpoint({
    ...write,
    method: 'PUT',
    path: '/blocks/:workerId',
    summary: 'Block a worker (by id or handle) from my projects, with a reason',
    params: blockParamsSchema,
    body: blockBodySchema,
    response: blockSchema,
  }),
  unblock: endpoint({
    ...write,
    method: 'DELETE',
    path: '/blocks/:workerId',
    summary: 'Lift a block',
    params: blockParamsSchema,
    response: okSchema,
  }),
  blocks: endpoint({
    ...read,
    ...pagedList(pageQuerySchema, blockSchema),
    path: '/blocks',
    summary: 'Workers I have blocked, newest first',
  }),
};
