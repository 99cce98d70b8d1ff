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

/**
 * What one slot holds in escrow: its reward and, for a project that tops up to the pay floor,
 * the most its top-up can be, each with the platform's fee (charged per payment).
 */
export function slotEscrowCents(
  rewardCents: number,
  topUpReserveCents: number,
  feePercent: number,
): number {
  return (
    rewardCents +
    platformFeeCents(rewardCents, feePercent) +
    topUpReserveCents +
    platformFeeCents(topUpReserveCents, feePercent)
  );
}
