import { formatCents } from '../../../shared/money.js';
import { meetsPayFloor, smallestRewardForFloor } from '../../../shared/fair-pay.js';
import { fieldProblems, ValidationError } from '../../errors.js';

/** The terms the pay floor is checked against, as a project's columns. */
export type PayTerms = {
  reward_cents: number;
  estimated_seconds: number | null;
  time_allotted_seconds: number;
};

/**
 * The seconds the floor is checked against: the requester's estimate, or without one the allotted
 * time (the longest work can take, so a project without an estimate is judged at its worst).
 */
export const floorSeconds = (terms: PayTerms) =>
  terms.estimated_seconds ?? terms.time_allotted_seconds;

/**
 * 400 when the terms make no sense or pay under `MIN_HOURLY_CENTS`: an estimate longer than the
 * time allotted, or `rewardCents × 3600 ÷ seconds` below the floor (the message names the
 * smallest reward that meets it).
 */
export function assertPayTerms(terms: PayTerms, floorCentsPerHour: number): void {
  if (terms.estimated_seconds !== null && terms.estimated_seconds > terms.time_allotted_seconds) {
    const problem = `must be at most timeAllottedSeconds (${terms.time_allotted_seconds}): no worker may take longer than that`;
    throw new ValidationError(
      `Invalid input — estimatedSeconds: ${problem}`,
      fieldProblems({ estimatedSeconds: problem }),
    );
  }
  if (floorCentsPerHour <= 0) return;
  const seconds = floorSeconds(terms);
  if (meetsPayFloor(terms.reward_cents, seconds, floorCentsPerHour)) return;
  const smallest = smallestRewardForFloor(floorCentsPerHour, seconds);
  const basis =
    terms.estimated_seconds === null
      ? `the time allotted (${seconds} s; give estimatedSeconds for a closer figure)`
      : `the estimate of ${seconds} s`;
  const message = `rewardCents ${terms.reward_cents} pays below the platform's floor of ${formatCents(floorCentsPerHour)} an hour at ${basis}: the smallest reward that meets it is ${smallest} cents (${formatCents(smallest)}).`;
  throw new ValidationError(
    message,
    {
      problems: [{ field: 'rewardCents', message }],
      minHourlyCents: floorCentsPerHour,
      smallestRewardCents: smallest,
      seconds,
    },
    'below_pay_floor',
  );
}
