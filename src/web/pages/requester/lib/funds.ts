import { isApiError } from '../../../api/client.js';

export type FundsShortage = { neededCents: number; availableCents: number };

/** A 409 `insufficient_funds`, with what the call needed and what was available. */
export function shortageOf(error: unknown): FundsShortage | null {
  if (!isApiError(error, 409) || error.code !== 'insufficient_funds') return null;
  const details = error.details as Partial<FundsShortage> | undefined;
  if (typeof details?.neededCents !== 'number' || typeof details.availableCents !== 'number')
    return null;
  return { neededCents: details.neededCents, availableCents: details.availableCents };
}
