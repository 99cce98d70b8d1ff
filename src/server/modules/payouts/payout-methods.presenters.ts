import type { PayoutDestination } from '../../../shared/api/payout-methods.js';
import type { PayoutMethodRow } from './payout-methods.repository.js';
import type { PayoutRow } from './payouts.repository.js';

export function presentPayoutMethod(row: PayoutMethodRow): PayoutDestination {
  return {
    method: row.method,
    destination: row.destination,
    accountHolder: row.account_holder,
    updatedAt: row.updated_at.toISOString(),
  };
}

/** The copy a payout keeps of the method it goes to; null for payouts from before methods. */
export function presentPayoutDestination(row: PayoutRow): PayoutDestination | null {
  if (!row.method || row.destination === null || !row.destination_set_at) return null;
  return {
    method: row.method,
    destination: row.destination,
    accountHolder: row.account_holder,
    updatedAt: row.destination_set_at.toISOString(),
  };
}
