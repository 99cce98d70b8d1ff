import { z } from 'zod';

/** MTurk writes money as a dollar string with two decimals: 1234 cents → "12.34". */
export function dollarsOf(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const whole = Math.abs(cents);
  return `${sign}${Math.floor(whole / 100)}.${String(whole % 100).padStart(2, '0')}`;
}

/** A dollar amount as MTurk accepts it ("0.25", "1", "12.5") in cents; undefined if it is not one. */
export function centsOf(dollars: string): number | undefined {
  const match = /^(\d{1,7})(?:\.(\d{1,2}))?$/.exec(dollars.trim());
  if (!match) return undefined;
  return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
}

/** A dollar amount as MTurk writes it ("0.25"), read as cents. */
export const dollarAmount = z
  .string()
  .max(16)
  .transform((value, ctx) => {
    const cents = centsOf(value);
    if (cents === undefined) {
      ctx.addIssue({ code: 'custom', message: 'must be an amount in US dollars, e.g. "0.25"' });
      return z.NEVER;
    }
    return cents;
  });
