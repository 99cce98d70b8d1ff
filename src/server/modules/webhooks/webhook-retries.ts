import type { SendOutcome } from './webhook-sender.js';

/** How long Tessera keeps trying a delivery, from when the event happened. */
export const RETRY_WINDOW_MS = 24 * 60 * 60_000;
const FIRST_RETRY_MS = 30_000;
const LONGEST_WAIT_MS = 4 * 60 * 60_000;

/**
 * The wait before attempt `attempts + 1`: doubling from 30 s, at most 4 h, each spread ±20 % so
 * receivers that failed together are not all retried at the same moment.
 */
export function retryDelayMs(attempts: number, random: () => number = Math.random): number {
  const base = Math.min(FIRST_RETRY_MS * 2 ** Math.max(attempts - 1, 0), LONGEST_WAIT_MS);
  return Math.round(base * (0.8 + 0.4 * random()));
}

export type Verdict = 'delivered' | 'retry' | 'failed';

/**
 * 2xx is delivered. A timeout, a network error, 5xx, 408 and 429 may pass: retry. Any other
 * answer (4xx, or a redirect, which is never followed) will be the same next time: failed.
 */
export function verdictOf(outcome: SendOutcome): Verdict {
  if (outcome.kind === 'unreachable') return 'retry';
  const { statusCode } = outcome;
  if (statusCode >= 200 && statusCode < 300) return 'delivered';
  if (statusCode >= 500 || statusCode === 408 || statusCode === 429) return 'retry';
  return 'failed';
}

/** When to try again, or null to give up: the last try is made when the window closes. */
export function nextAttemptAt(
  now: Date,
  attempts: number,
  giveUpAt: Date,
  random?: () => number,
): Date | null {
  if (now.getTime() >= giveUpAt.getTime()) return null;
  return new Date(Math.min(now.getTime() + retryDelayMs(attempts, random), giveUpAt.getTime()));
}
