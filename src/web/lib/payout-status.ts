import type { Payout } from '../../shared/api/earnings.js';

/** How a payout's status reads, to workers and administrators alike. */
export const PAYOUT_STATUS_INFO: Record<Payout['status'], { label: string; color: string }> = {
  requested: { label: 'Pending', color: 'blue' },
  paid: { label: 'Paid', color: 'teal' },
  cancelled: { label: 'Cancelled', color: 'gray' },
};
