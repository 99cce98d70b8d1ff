import { z } from 'zod';
import type { LedgerService } from '../../ledger/ledger.service.js';
import { dollarsOf } from '../money.js';
import { operation, type MturkOperations } from '../operation.js';

/** The requester's money: GetAccountBalance. */
export function accountOperations(deps: {
  ledger: Pick<LedgerService, 'balance'>;
}): MturkOperations {
  return {
    GetAccountBalance: operation(z.strictObject({}), async (caller) => {
      const { availableCents, escrowCents } = await deps.ledger.balance(caller.user.id);
      // MTurk's OnHoldBalance is money set aside for work not yet paid: Tessera's escrow.
      return { AvailableBalance: dollarsOf(availableCents), OnHoldBalance: dollarsOf(escrowCents) };
    }),
  };
}
