import { z } from 'zod';
import { assignmentAppealShape } from './appeals.js';
import { goldFeedbackSchema } from './quality.js';
import { LIMITS } from '../limits.js';
import { idSchema, pageQueryWith } from './common.js';
import { readWriteAccess } from './access.js';
import { endpoint } from './endpoint.js';
import { hourlyPaySchema } from './fair-pay.js';
import { previewSchema, projectParamsSchema } from './projects.js';
import { COMPARATORS } from './qualifications.js';
import { requesterReputationSchema } from './reputation.js';

export const ASSIGNMENT_STATUSES = [
  'accepted',
  'submitted',
  'approved',
  'rejected',
  'returned',
  'expired',
] as const;
export type AssignmentStatus = (typeof ASSIGNMENT_STATUSES)[number];

export const FEED_SORTS = ['newest', 'reward', 'available', 'hourly'] as const;

export const feedQuerySchema = pageQueryWith({
  q: z.string().trim().max(LIMITS.searchMax).optional(),
  sort: z.enum(FEED_SORTS).default('newest'),
  /** Only projects paying at least this at the median work time (so only those with an estimate). */
  minHourlyCents: z.coerce.number().int().min(0).max(100_000_000).optional(),
});
export type FeedQuery = z.infer<typeof feedQuerySchema>;

export const feedItemSchema = z.object({
  projectId: z.string(),
  title: z.string(),
  description: z.string(),
  keywords: z.array(z.string()),
  requester: z.object({ id: z.string(), displayName: z.string(), handle: z.string() }),
  rewardCents: z.number().int(),
  timeAllottedSeconds: z.number().int(),
  tasksAvailable: z.number().int(),
  /**
   * Reward per hour at the median work time of the plausible ones among the latest submissions
   * (at least 5 s and 1 % of the time allotted); null until there are 3 of them.
   */
  estimatedHourlyCents: z.number().int().nullable(),
  /** Per hour at the 75th and 25th percentile of the work time: what most workers make. */
  estimatedHourlyRangeCents: z.object({ low: z.number().int(), high: z.number().int() }).nullable(),
  /** How many plausible submissions the estimate comes from. */
  estimatedHourlyBasedOn: z.number().int(),
  /** The requester's estimate of one assignment's work, when they gave one. */
  estimatedSeconds: z.number().int().nullable(),
  /** Measured hourly pay, or the requester's estimate before 3 plausible submissions exist. */
  hourlyPay: hourlyPaySchema,
  publishedAt: z.string().nullable(),
  expiresAt: z.string(),
  /**
   * Qualification tests the worker can take to meet requirements they do not meet yet; a project
   * is in the feed with these only when they are its only missing requirements. Empty when the
   * worker may accept now.
   */
  testsToTake: z.array(z.object({ qualificationTypeId: z.string(), name: z.string() })),
  /** The requester's reputation (DESIGN §10), as `GET /users/{id}/reputation` gives it. */
  requesterReputation: requesterReputationSchema,
});
export type FeedItem = z.infer<typeof feedItemSchema>;

export const feedPageSchema = z.object({
  items: z.array(feedItemSchema),
  nextCursor: z.string().nullable(),
});

/**
 * The `details` of a 403 `not_qualified` (preview and accept): each requirement the worker does
 * not meet, their value (null when they do not hold the qualification) and how to meet it.
 */
export const unmetRequirementSchema = z.object({
  index: z.number().int(),
  requirement: z.object({
    qualificationTypeId: z.string(),
    name: z.string(),
    comparator: z.enum(COMPARATORS),
    integerValues: z.array(z.number().int()).optional(),
    localeValues: z.array(z.string()).optional(),
  }),
  workerValue: z.union([z.number(), z.string()]).nullable(),
  hint: z.string(),
  /** The type has a test the worker can take to earn it (`POST /qualification-types/{id}/test-attempts`). */
  testAvailable: z.boolean(),
  /** The worker may ask the requester for this qualification (an active, requestable type). */
  requestable: z.boolean().optional(),
});
export type UnmetRequirement = z.infer<typeof unmetRequirementSchema>;
export const notQualifiedDetailsSchema = z.object({ unmet: z.array(unmetRequirementSchema) });

/** What a worker sees before accepting: the project and a filled sample of its next task. */
export const workPreviewSchema = z.object({
  project: feedItemSchema.extend({ instructions: z.string() }),
  preview: previewSchema.shape.template,
});

export const assignmentSchema = z.object({
  id: z.string(),
  taskId: z.string(),
  projectId: z.string(),
  projectTitle: z.string(),
  workerId: z.string(),
  status: z.enum(ASSIGNMENT_STATUSES),
  rewardCents: z.number().int(),
  acceptedAt: z.string(),
  deadline: z.string(),
  submittedAt: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  feedback: z.string().nullable(),
  answers: z.record(z.string(), z.unknown()).nullable(),
  /** Seconds from accept to submit (server clock); null until submitted. */
  workSeconds: z.number().int().nullable(),
  /** Seconds the work page was visible and in use, as it reported (at most workSeconds). */
  activeSeconds: z.number().int().nullable(),
  /** Paid with the approval to bring this work up to the pay floor (topUpToFloor projects). */
  topUpCents: z.number().int(),
  /** Taken during the project's pilot run: its submission may carry feedback. */
  pilot: z.boolean(),
  /** The worker's answer to "What was unclear?" (pilot work), as plain text. */
  pilotFeedback: z.string().nullable(),
});
export type Assignment = z.infer<typeof assignmentSchema>;

/** An assignment with what the worker needs to do it. */
export const assignmentDetailSchema = assignmentSchema.extend({
  /** The project's requester: the other side, whom the worker may rate after a decision. */
  requesterId: z.string(),
  instructions: z.string(),
  /** The project's hourly pay, measured or estimated, as the feed showed it. */
  hourlyPay: hourlyPaySchema,
  timeAllottedSeconds: z.number().int(),
  template: previewSchema.shape.template,
});
export type AssignmentDetail = z.infer<typeof assignmentDetailSchema>;

export const assignmentParamsSchema = z.strictObject({ id: idSchema });

/** The feedback question the work page asks with each pilot submission (DESIGN §10). */
export const PILOT_QUESTION = 'What was unclear?';
export const PILOT_FEEDBACK_MAX = 2_000;

/**
 * A pilot worker's answer to the feedback question: plain text (shown as text, never as HTML);
 * blank is none.
 */
export const pilotFeedbackSchema = z
  .string()
  .max(PILOT_FEEDBACK_MAX, `must be at most ${PILOT_FEEDBACK_MAX} characters`)
  .refine((text) => !text.includes('\0'), 'must not contain a NUL character')
  .transform((text) => text.trim());

export const submitBodySchema = z.strictObject({
  answers: z.record(z.string().max(100), z.unknown()),
  /** From the work page: seconds it was visible and in use (clamped to the work time). */
  activeSeconds: z
    .number()
    .int()
    .min(0, 'must not be negative')
    .max(7 * 24 * 3600)
    .optional(),
  /** Pilot work only (`pilot: true`): the worker's answer to "What was unclear?". */
  feedback: pilotFeedbackSchema.optional(),
});

/** A submit's answer: after a wrong gold answer, with feedback when the project gives it. */
export const submitResultSchema = assignmentDetailSchema.extend({
  goldFeedback: goldFeedbackSchema.optional(),
});

export const myAssignmentsQuerySchema = pageQueryWith({
  status: z.enum(ASSIGNMENT_STATUSES).optional(),
  projectId: idSchema.optional(),
});

export const myAssignmentsSchema = z.object({
  /** Each with until when a rejection may be appealed, and its appeal (DESIGN §11). */
  items: z.array(assignmentSchema.extend(assignmentAppealShape)),
  nextCursor: z.string().nullable(),
  totals: z.object({
    pendingCents: z.number().int(),
    approvedCents: z.number().int(),
    counts: z.partialRecord(z.enum(ASSIGNMENT_STATUSES), z.number().int()),
  }),
});

const { read, write } = readWriteAccess('work', 'work', ['worker']);

/** A worker's side of the marketplace. `GET /assignments/{id}` is in ./assignments.ts. */
export const workEndpoints = {
  feed: endpoint({
    ...read,
    method: 'GET',
    path: '/feed',
    summary: 'Projects I can accept a task in now',
    query: feedQuerySchema,
    response: feedPageSchema,
  }),
  preview: endpoint({
    ...read,
    method: 'GET',
    path: '/feed/:id',
    summary: 'Preview a project’s next task before accepting (reserves nothing)',
    params: projectParamsSchema,
    response: workPreviewSchema,
  }),
  accept: endpoint({
    ...write,
    method: 'POST',
    path: '/projects/:id/assignments',
    summary: 'Accept the next task of a project',
    params: projectParamsSchema,
    response: assignmentDetailSchema,
    status: 201,
  }),
  frame: endpoint({
    ...read,
    method: 'GET',
    path: '/assignments/:id/frame',
    summary: 'The filled HTML task, for a sandboxed frame (text/html)',
    params: assignmentParamsSchema,
    response: z.string().describe('The filled HTML page'),
    produces: ['text/html'],
  }),
  submit: endpoint({
    ...write,
    method: 'POST',
    path: '/assignments/:id/submit',
    summary: 'Submit answers (a retry with the same answers is safe)',
    params: assignmentParamsSchema,
    body: submitBodySchema,
    response: submitResultSchema,
  }),
  return: endpoint({
    ...write,
    method: 'POST',
    path: '/assignments/:id/return',
    summary: 'Give the task back',
    params: assignmentParamsSchema,
    response: assignmentDetailSchema,
  }),
  mine: endpoint({
    ...read,
    method: 'GET',
    path: '/me/assignments',
    summary: 'My work, newest first, with totals of pending and approved pay',
    query: myAssignmentsQuerySchema,
    response: myAssignmentsSchema,
  }),
};
