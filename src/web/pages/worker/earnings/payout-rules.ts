import { formatCents } from '../../../../shared/money.js';
import { isApiError } from '../../../api/client.js';
import { numberIn } from '../../../lib/narrow.js';

export type PayoutEligibility =
  { canRequest: true; amountCents: number } | { canRequest: false; reason: string };

/** Whether the worker can ask for a payout now, and if not, why, in plain words. */
export function payoutEligibility(
  figures: { availableCents: number; payoutMinimumCents: number },
  /** Where the money would go: null when the worker has no payout method (undefined: not asked). */
  destination?: unknown,
): PayoutEligibility {
  const { availableCents, payoutMinimumCents } = figures;
  const minimum = formatCents(payoutMinimumCents);
  if (availableCents <= 0) {
    return {
      canRequest: false,
      reason: `Nothing is available to pay out yet. Pay for approved work and bonuses collects here; payouts start at ${minimum}.`,
    };
  }
  if (availableCents < payoutMinimumCents) {
    return {
      canRequest: false,
      reason: `Payouts start at ${minimum}. You have ${formatCents(availableCents)} available, ${formatCents(payoutMinimumCents - availableCents)} to go.`,
    };
  }
  if (destination === null) {
    return {
      canRequest: false,
      reason: `${formatCents(availableCents)} is ready to pay out, but we do not know where to send it yet.`,
    };
  }
  return { canRequest: true, amountCents: availableCents };
}

/** What to tell a worker whose payout request the server refused. */
export function payoutErrorMessage(error: unknown): string | undefined {
  if (!isApiError(error, 409)) return undefined;
  if (error.code === 'payout_method_missing') {
    return 'Your payout method was removed since this page was loaded. Add one in your settings (Settings → Payout method), then ask again.';
  }
  if (error.code === 'below_minimum') {
    const minimum = numberIn(error.details, 'minimumCents');
    const available = numberIn(error.details, 'availableCents');
    if (minimum !== undefined && available !== undefined) {
      return `Payouts start at ${formatCents(minimum)}, and you have ${formatCents(available)} available now. The figures on this page have been refreshed.`;
    }
  }
  if (error.code === 'insufficient_funds') {
    return 'Your available earnings changed since this page was loaded, perhaps because a payout was already requested. The figures on this page have been refreshed; check them and try again.';
  }
  return undefined;
}
