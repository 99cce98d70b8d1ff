import { describe, expect, it } from 'vitest';
import { formatIban, ibanProblem, normalizeIban } from '../../../shared/api/payout-methods.js';
import {
  bodyOf,
  describeDestination,
  validatePayoutMethod,
  valuesOf,
} from './payout-method-form.js';

const empty = valuesOf(null);

describe('payout method form', () => {
  it('sends only the chosen method’s fields', () => {
    const values = { ...empty, iban: 'x', accountHolder: 'Ada', paypalEmail: 'ada@example.com' };
    expect(bodyOf({ ...values, method: 'paypal' })).toEqual({
      method: 'paypal',
      destination: 'ada@example.com',
    });
  });

  it('puts the API’s messages on the fields the worker typed in', () => {
    expect(
      validatePayoutMethod({ ...empty, iban: 'DE89 3704 0044 0532 0130 01', accountHolder: '' }),
    ).toEqual({
      iban: expect.stringContaining('Does not check out'),
      accountHolder: expect.stringContaining('Is required for a bank transfer'),
    });
    expect(validatePayoutMethod({ ...empty, method: 'paypal', paypalEmail: 'ada' })).toEqual({
      paypalEmail: expect.stringContaining('PayPal account'),
    });
    expect(
      validatePayoutMethod({ ...empty, iban: 'de89 3704 0044 0532 0130 00', accountHolder: 'Ada' }),
    ).toEqual({});
  });

  it('shows an IBAN in groups of four, and checks it as ISO 13616 does', () => {
    expect(formatIban(normalizeIban('gb82 west 1234 5698 7654 32'))).toBe(
      'GB82 WEST 1234 5698 7654 32',
    );
    expect(ibanProblem('GB82WEST12345698765432')).toBeNull();
    expect(ibanProblem('GB82WEST12345698765423')).toContain('swapped');
    expect(
      describeDestination({ method: 'bank_transfer', destination: 'GB82WEST12345698765432' }),
    ).toBe('Bank transfer (IBAN) · GB82 WEST 1234 5698 7654 32');
  });

  it('starts from what is saved', () => {
    expect(
      valuesOf({
        method: 'other',
        destination: 'Wise @ada',
        accountHolder: null,
        updatedAt: '2026-12-06T10:00:00.000Z',
      }),
    ).toMatchObject({ method: 'other', other: 'Wise @ada' });
  });
});
