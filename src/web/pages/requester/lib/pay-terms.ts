import { hourlyCents, meetsPayFloor, smallestRewardForFloor } from '../../../../shared/fair-pay.js';
import { formatCents } from '../../../../shared/money.js';

/** What a reward pays an hour, and against the platform's floor, as the requester types. */
export type PayTermsCheck = {
  /** Cents an hour at the estimate, else at the time allotted (how the floor judges it). */
  hourlyCents: number;
  basis: 'estimate' | 'time allotted';
  /** The smallest reward meeting the floor, when this one does not; null when it does. */
  smallestRewardCents: number | null;
};

/**
 * The server's floor rule (DESIGN §10, projects/pay-floor.ts) on the form's values: the estimate,
 * or without one the time allotted. Null while the reward or the time is not a number yet.
 */
export function checkPayTerms(terms: {
  rewardCents: number | null;
  estimatedSeconds: number | null;
  timeAllottedSeconds: number | null;
  floorCentsPerHour: number;
}): PayTermsCheck | null {
  const seconds = terms.estimatedSeconds ?? terms.timeAllottedSeconds;
  if (terms.rewardCents === null || seconds === null || seconds <= 0) return null;
  const meets =
    terms.floorCentsPerHour <= 0 ||
    meetsPayFloor(terms.rewardCents, seconds, terms.floorCentsPerHour);
  return {
    hourlyCents: hourlyCents(terms.rewardCents, seconds),
    basis: terms.estimatedSeconds === null ? 'time allotted' : 'estimate',
    smallestRewardCents: meets ? null : smallestRewardForFloor(terms.floorCentsPerHour, seconds),
  };
}

/** The floor's message, as the server words its 400 below_pay_floor: it names the smallest reward. */
export function payFloorMessage(check: PayTermsCheck, floorCentsPerHour: number): string | null {
  if (check.smallestRewardCents === null) return null;
  return `This pays ${formatCents(check.hourlyCents)} an hour at the ${check.basis}, below the platform’s floor of ${formatCents(floorCentsPerHour)} an hour: the smallest reward that meets it is ${formatCents(check.smallestRewardCents)}.`;
}
