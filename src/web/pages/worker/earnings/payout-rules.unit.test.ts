import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../api/client.js';
import { payoutEligibility, payoutErrorMessage } from './payout-rules.js';

describe('payoutEligibility', () => {
  it('offers all available earnings at or above the minimum', () => {
    expect(payoutEligibility({ availableCents: 100, payoutMinimumCents: 100 })).toEqual({
      canRequest: true,
      amountCents: 100,
    });
    expect(payoutEligibility({ availableCents: 1_234, payoutMinimumCents: 100 })).toEqual({
      canRequest: true,
      amountCents: 1_234,
    });
  });

  it('explains what is missing below the minimum', () => {
    expect(payoutEligibility({ availableCents: 40, payoutMinimumCents: 100 })).toEqual({
      canRequest: false,
      reason: 'Payouts start at $1.00. You have $0.40 available, $0.60 to go.',
    });
  });

  it('says nothing is available yet at zero', () => {
    const result = payoutEligibility({ availableCents: 0, payoutMinimumCents: 500 });
    expect(result.canRequest).toBe(false);
    expect(!result.canRequest && result.reason).toMatch(
      /^Nothing is available to pay out yet\..*payouts start at \$5\.00\.$/,
    );
  });
});

describe('payoutErrorMessage', () => {
  it('turns the server’s 409s into sentences with money in dollars', () => {
    const below = new ApiError(409, 'below_minimum', 'Payouts start at 100 cents', {
      minimumCents: 100,
      availableCents: 30,
    });
    expect(payoutErrorMessage(below)).toBe(
      'Payouts start at $1.00, and you have $0.30 available now. The figures on this page have been refreshed.',
    );
    const insufficient = new ApiError(409, 'insufficient_funds', 'only 0 cents', {
      neededCents: 500,
      availableCents: 0,
    });
    expect(payoutErrorMessage(insufficient)).toMatch(/^Your available earnings changed/);
  });

  it('leaves other errors to the usual message', () => {
    expect(payoutErrorMessage(new ApiError(500, 'internal', 'boom'))).toBeUndefined();
    expect(payoutErrorMessage(new ApiError(409, 'below_minimum', 'no details'))).toBeUndefined();
    expect(payoutErrorMessage(new Error('network'))).toBeUndefined();
  });
});

describe('payouts without a payout method', () => {
  it('keeps the button off and says the money has nowhere to go', () => {
    expect(payoutEligibility({ availableCents: 1_234, payoutMinimumCents: 100 }, null)).toEqual({
      canRequest: false,
      reason: '$12.34 is ready to pay out, but we do not know where to send it yet.',
    });
    const method = { method: 'paypal', destination: 'ada@example.com' };
    expect(payoutEligibility({ availableCents: 1_234, payoutMinimumCents: 100 }, method)).toEqual({
      canRequest: true,
      amountCents: 1_234,
    });
  });

  it('points to the settings when the server refuses for want of one', () => {
    const missing = new ApiError(409, 'payout_method_missing', 'Add a payout method', {
      settingsPath: '/settings#payout',
    });
    expect(payoutErrorMessage(missing)).toContain('Settings → Payout method');
  });
});
