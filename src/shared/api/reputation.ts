import { z } from 'zod';
import { idOrHandleParamsSchema } from './accounts.js';
import { idSchema } from './common.js';
import { endpoint } from './endpoint.js';

/** How many of a user's counterparts rated them up, neutral and down (each counted once). */
export const ratingCountsSchema = z.object({
  up: z.number().int(),
  neutral: z.number().int(),
  down: z.number().int(),
});
export type RatingCounts = z.infer<typeof ratingCountsSchema>;

/**
 * A requester's reputation, computed from the record: their decisions, how long they took, what
 * their work paid per hour, and what workers thought of them.
 */
export const requesterReputationSchema = z.object({
  /** Approved of all decided work (null before the first decision). */
  approvalPercent: z.number().int().nullable(),
  rejectionPercent: z.number().int().nullable(),
  /** Median seconds from submit to decision over their latest 200 decisions. */
  medianReviewSeconds: z.number().int().nullable(),
  /**
   * Median pay per hour (cents) of plausible reviewed work across their projects (reward ÷ the
   * worker's measured `workSeconds`) over their latest 200 decisions.
   */
  effectiveHourlyCents: z.number().int().nullable(),
  /** Distinct workers with approved work. */
  workersPaid: z.number().int(),
  /** Of their rejections' appeals that were decided, the share overturned; null before any. */
  appealsOverturnedPercent: z.number().int().nullable(),
  ratings: ratingCountsSchema,
  /**
   * Rejects more of the decided work than the members' `flagRejectionPercent` rule allows
   * (GET /governance/rules).
   */
  flagged: z.boolean(),
});
export type RequesterReputation = z.infer<typeof requesterReputationSchema>;

export const workerReputationSchema = z.object({
  approvalPercent: z.number().int().nullable(),
  approvedCount: z.number().int(),
  /** Correct of scored known-answer (gold) tasks; null when none was scored. */
  goldAccuracyPercent: z.number().int().nullable(),
  ratings: ratingCountsSchema,
});
export type WorkerReputation = z.infer<typeof workerReputationSchema>;

/** A user's reputation in each role they hold (null for a role they do not hold). */
export const reputationSchema = z.object({
  requester: requesterReputationSchema.nullable(),
  worker: workerReputationSchema.nullable(),
});
export type Reputation = z.infer<typeof reputationSchema>;

export const RATING_VALUES = [-1, 0, 1] as const;
export type RatingValue = (typeof RATING_VALUES)[number];

export const rateParamsSchema = z.strictObject({ userId: idSchema });
export const rateBodySchema = z.strictObject({
  value: z.union([z.literal(-1), z.literal(0), z.literal(1)], {
    message: 'must be -1, 0 or 1',
  }),
  /** A decided assignment between the caller and the user rated. */
  assignmentId: idSchema,
});
export type RateBody = z.infer<typeof rateBodySchema>;

/** My current rating of a user, private to me; `value` null when I have not rated them. */
export const myRatingSchema = z.object({
  userId: z.string(),
  value: z.union([z.literal(-1), z.literal(0), z.literal(1)]).nullable(),
  assignmentId: z.string().nullable(),
  updatedAt: z.string().nullable(),
});
export type MyRating = z.infer<typeof myRatingSchema>;

const rating = { tag: 'ratings', auth: { scope: 'profile' } } as const;

export const reputationEndpoints = {
  reputation: endpoint({
    tag: 'users',
    auth: 'optional',
    method: 'GET',
    path: '/users/:idOrHandle/reputation',
    summary: 'A user’s reputation as a requester and as a worker, computed from the record',
    params: idOrHandleParamsSchema,
    response: reputationSchema,
  }),
  rate: endpoint({
    ...rating,
    method: 'PUT',
    path: '/ratings/:userId',
    summary: 'Rate the other side of a decided assignment: -1, 0 or 1 (replaces my earlier rating)',
    description:
      'One current rating per pair: a second PUT replaces the first. Allowed only with a decided ' +
      '(approved or rejected) assignment between the caller and the user, never for oneself. ' +
      'The rating is private to the rater; only the counts are public.',
    params: rateParamsSchema,
    body: rateBodySchema,
    response: myRatingSchema,
  }),
  myRating: endpoint({
    ...rating,
    method: 'GET',
    path: '/ratings/:userId',
    summary: 'My current rating of a user (private to me)',
    params: rateParamsSchema,
    response: myRatingSchema,
  }),
};
