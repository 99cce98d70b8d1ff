import { isApiError } from '../../../api/client.js';
import { numberIn } from '../../../lib/narrow.js';

export type FundsShortage = { neededCents: number; availableCents: number };

/** A 409 `insufficient_funds`, with what the call needed and what was available. */
export function shortageOf(error: unknown): FundsShortage | null {
  if (!isApiError(error, 409) || error.code !== 'insufficient_funds') return null;
  const neededCents = numberIn(error.details, 'neededCents');
  const availableCents = numberIn(error.details, 'availableCents');
  if (neededCents === undefined || availableCents === undefined) return null;
  return { neededCents, availableCents };
}
