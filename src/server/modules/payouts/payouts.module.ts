import type { Db } from '../../db/database.js';
import type { Clock } from '../../lib/clock.js';
import type { AuditService } from '../audit/audit.service.js';
import type { IdempotencyKeys } from '../idempotency/idempotency.service.js';
import type { LedgerService } from '../ledger/ledger.service.js';
import type { Notify } from '../notifications/notices.js';
import { createEarningsRepository } from './earnings.repository.js';
import { createEarningsService } from './earnings.service.js';
import { createPayoutMethodsRepository } from './payout-methods.repository.js';
import { createPayoutMethodsService } from './payout-methods.service.js';
import { createPayoutsRepository } from './payouts.repository.js';
import { createPayoutsService } from './payouts.service.js';

/** Payouts, workers' payout methods and the money views (earnings, spending) over one database. */
export function createPayoutsModule(deps: {
  db: Db;
  clock: Clock;
  ledger: LedgerService;
  payoutMinimumCents: number;
  notify?: Notify | undefined;
  idempotency: IdempotencyKeys;
  audit: Pick<AuditService, 'record'>;
}) {
  const { db, clock, ledger } = deps;
  const methods = createPayoutMethodsService({
    db,
    methods: createPayoutMethodsRepository(db),
    clock,
  });
  return {
    methods,
    payouts: createPayoutsService({
      db,
      payouts: createPayoutsRepository(db),
      ledger,
      methods,
      clock,
      minimumCents: deps.payoutMinimumCents,
      notify: deps.notify,
      idempotency: deps.idempotency,
      audit: deps.audit,
    }),
    earnings: createEarningsService({
      earnings: createEarningsRepository(db),
      ledger,
      clock,
      payoutMinimumCents: deps.payoutMinimumCents,
    }),
  };
}

export type PayoutsModule = ReturnType<typeof createPayoutsModule>;
