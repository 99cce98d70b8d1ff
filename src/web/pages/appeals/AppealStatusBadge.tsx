import { Badge } from '@mantine/core';
import type { AppealStatus } from '../../../shared/api/appeals.js';

const LOOK: Record<AppealStatus, { label: string; color: string }> = {
  open: { label: 'Appeal open', color: 'orange' },
  overturned: { label: 'Overturned', color: 'teal' },
  upheld: { label: 'Upheld', color: 'red' },
};

/** An appeal's state in words, for both sides. */
export function AppealStatusBadge({
  status,
  automatic,
}: {
  status: AppealStatus;
  automatic?: boolean;
}) {
  const look = LOOK[status];
  return (
    <Badge color={look.color} variant="light">
      {automatic ? 'Overturned (no answer in time)' : look.label}
    </Badge>
  );
}
