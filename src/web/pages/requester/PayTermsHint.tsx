import { Text } from '@mantine/core';
import { formatCents } from '../../../shared/money.js';
import type { PayTermsCheck } from './lib/pay-terms.js';

/**
 * The hourly pay the form's values make, live (announced politely to screen readers): at the
 * estimate, or at the time allotted when there is none, with the platform's floor beside it.
 */
export function PayTermsHint({
  check,
  floorCentsPerHour,
}: {
  check: PayTermsCheck | null;
  floorCentsPerHour: number;
}) {
  const floor =
    floorCentsPerHour > 0
      ? ` The platform’s floor is ${formatCents(floorCentsPerHour)} an hour.`
      : '';
  return (
    <Text
      size="sm"
      c={check?.smallestRewardCents ? 'red' : 'dimmed'}
      role="status"
      aria-live="polite"
      data-testid="pay-terms-hint"
    >
      {check === null
        ? `Enter a reward to see what it pays an hour.${floor}`
        : `Workers see ${formatCents(check.hourlyCents)} an hour at the ${check.basis}${
            check.basis === 'time allotted' ? ' (give an estimate for a closer figure)' : ''
          }.${floor}${
            check.smallestRewardCents === null
              ? ''
              : ` The smallest reward that meets it is ${formatCents(check.smallestRewardCents)}.`
          }`}
    </Text>
  );
}
