import type {
  MyRating,
  RatingCounts,
  RatingValue,
  RequesterReputation,
  WorkerReputation,
} from '../../../shared/api/reputation.js';
import type { RatingRow } from './reputation.repository.js';

/**
 * The kept counts of one user (see migrations 20261210080000 and 20261211020000); all zero before
 * any activity.
 */
export type ReputationRow = {
  worker_approved: number;
  worker_rejected: number;
  gold_answered: number;
  gold_correct: number;
  requester_approved: number;
  requester_rejected: number;
  median_review_seconds: number | null;
  effective_hourly_cents: number | null;
  workers_paid: number;
  ratings_up: number;
  ratings_neutral: number;
  ratings_down: number;
  appeals_decided: number;
  appeals_overturned: number;
};

export const EMPTY_REPUTATION: ReputationRow = {
  worker_approved: 0,
  worker_rejected: 0,
  gold_answered: 0,
  gold_correct: 0,
  requester_approved: 0,
  requester_rejected: 0,
  median_review_seconds: null,
  effective_hourly_cents: null,
  workers_paid: 0,
  ratings_up: 0,
  ratings_neutral: 0,
  ratings_down: 0,
  appeals_decided: 0,
  appeals_overturned: 0,
};

/** A whole percent of `part` in `whole`, null when there is nothing to take it of. */
function percentOf(part: number, whole: number): number | null {
  return whole > 0 ? Math.round((part * 100) / whole) : null;
}

function ratingCounts(r: ReputationRow): RatingCounts {
  return { up: r.ratings_up, neutral: r.ratings_neutral, down: r.ratings_down };
}

/** `flagRejectionPercent`: the rule in force; a requester rejecting more of their decided work is flagged. */
export function presentRequesterReputation(
  r: ReputationRow,
  flagRejectionPercent: number,
): RequesterReputation {
  const decided = r.requester_approved + r.requester_rejected;
  return {
    approvalPercent: percentOf(r.requester_approved, decided),
    rejectionPercent: percentOf(r.requester_rejected, decided),
    medianReviewSeconds:
      r.median_review_seconds === null ? null : Math.round(r.median_review_seconds),
    effectiveHourlyCents: r.effective_hourly_cents,
    workersPaid: r.workers_paid,
    // Of the appeals against their rejections that were decided, by them or by the sweep.
    appealsOverturnedPercent: percentOf(r.appeals_overturned, r.appeals_decided),
    ratings: ratingCounts(r),
    // The exact rate, not the rounded percentage shown.
    flagged: decided > 0 && (r.requester_rejected * 100) / decided > flagRejectionPercent,
  };
}

export function presentWorkerReputation(r: ReputationRow): WorkerReputation {
  return {
    approvalPercent: percentOf(r.worker_approved, r.worker_approved + r.worker_rejected),
    approvedCount: r.worker_approved,
    goldAccuracyPercent: percentOf(r.gold_correct, r.gold_answered),
    ratings: ratingCounts(r),
  };
}

/** The check constraint keeps a stored value to -1, 0 or 1. */
function ratingValue(value: number): RatingValue {
  return value < 0 ? -1 : value > 0 ? 1 : 0;
}

export function presentMyRating(userId: string, row: RatingRow | undefined): MyRating {
  return {
    userId,
    value: row ? ratingValue(row.value) : null,
    assignmentId: row?.assignment_id ?? null,
    updatedAt: row?.updated_at.toISOString() ?? null,
  };
}
