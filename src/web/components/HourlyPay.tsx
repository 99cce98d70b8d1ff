import { Badge, Group, Text, Tooltip } from '@mantine/core';
import type { HourlyPay as HourlyPayFigure } from '../../shared/api/fair-pay.js';
import { formatCents } from '../../shared/money.js';

/** What the figure rests on, in words (the badge's tooltip and its screen-reader label). */
export function hourlyPayBasis(pay: HourlyPayFigure): string {
  if (pay.basis === 'measured') {
    return `Measured: the median time of ${pay.basedOn} submissions (implausibly fast ones left out).`;
  }
  if (pay.basis === 'estimate') {
    return `The requester's estimate: fewer than 3 submissions have been measured so far.`;
  }
  return 'No estimate yet: the requester gave none and too few submissions have been measured.';
}

/**
 * A project's hourly pay with a badge saying whether it is measured or the requester's estimate
 * (DESIGN §10): workers should know which before they commit their time. Where no "Hourly pay"
 * label stands beside it (`labelled={false}`), a missing figure names itself.
 */
export function HourlyPay({
  pay,
  size = 'sm',
  labelled = true,
}: {
  pay: HourlyPayFigure;
  size?: 'xs' | 'sm';
  labelled?: boolean;
}) {
  if (pay.cents === null) {
    return (
      <Text size={size} c="dimmed">
        {labelled ? 'Not enough data yet' : 'hourly pay: not enough data yet'}
      </Text>
    );
  }
  return (
    // In a narrow column the badge goes under the figure rather than being cut short.
    <Group gap={6} style={{ rowGap: 2 }}>
      <Text size={size} style={{ whiteSpace: 'nowrap' }}>
        {formatCents(pay.cents)} an hour
      </Text>
      <Tooltip label={hourlyPayBasis(pay)} multiline w={260} withArrow>
        <Badge
          size="xs"
          variant="light"
          color={pay.basis === 'measured' ? 'teal' : 'gray'}
          aria-label={hourlyPayBasis(pay)}
          tabIndex={0}
        >
          {pay.basis === 'measured' ? 'measured' : 'estimate'}
        </Badge>
      </Tooltip>
    </Group>
  );
}
