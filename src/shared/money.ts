/**
 * Money is integer cents everywhere. The platform fee is charged on top of each reward and bonus,
 * rounded to the nearest cent per payment, so escrow for N slots is exactly N × (reward + fee).
 */
export function platformFeeCents(amountCents: number, feePercent: number): number {
  return Math.round((amountCents * feePercent) / 100);
}

export function formatCents(cents: number, currency = 'USD', locale = 'en-US'): string {
  return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(cents / 100);
}
