import { describe, expect, it } from 'vitest';
import { checkDeposit } from './deposit-form.js';

const good = { requesterId: 'r-1', amount: '1,250.50', reference: ' INV-14 ', note: '  ' };

describe('checkDeposit', () => {
  it('turns a good draft into what the API takes', () => {
    expect(checkDeposit(good)).toEqual({
      userId: 'r-1',
      amountCents: 125_050,
      reference: 'INV-14',
      note: undefined,
    });
  });

  it('names every problem at once', () => {
    const result = checkDeposit({ requesterId: null, amount: 0, reference: ' ', note: '' });
    expect(result).toEqual({
      problems: {
        requesterId: expect.stringContaining('requester'),
        amount: expect.stringContaining('amount'),
        reference: expect.stringContaining('bank transfer id'),
      },
    });
  });

  it('refuses more than one deposit may credit, and a third decimal', () => {
    expect(checkDeposit({ ...good, amount: '10000000.01' })).toEqual({
      problems: { amount: expect.stringContaining('at most $10,000,000.00') },
    });
    expect(checkDeposit({ ...good, amount: '1.005' })).toHaveProperty('problems.amount');
  });
});
