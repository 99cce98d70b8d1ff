import type { FastifyPluginAsync } from 'fastify';
import { adminDepositEndpoints as endpoints } from '../../../shared/api/money.js';
import { serveEndpoint } from '../../lib/endpoint-route.js';
import { presentPage } from '../../lib/present-page.js';
import { serveSignedIn } from '../../lib/signed-in-route.js';
import { idempotencyScopeOf } from '../idempotency/idempotency.http.js';
import { presentBalance } from './ledger.presenters.js';
import type { LedgerService } from './ledger.service.js';
import { presentManualDeposit } from './manual-deposits.presenters.js';
import type { ManualDepositsService } from './manual-deposits.service.js';

/** Offline payments into requesters' funds, recorded by administrators (the manual provider). */
export const adminDepositsRoutes: FastifyPluginAsync<{
  ledger: LedgerService;
  manualDeposits: ManualDepositsService;
  /** MIN_HOURLY_CENTS, part of every balance shown (see balanceSchema). */
  /** The pay floor rule in force, shown with the balance to price new work. */
  minHourlyCents: () => Promise<number>;
}> = async (app, { ledger, manualDeposits, minHourlyCents }) => {
  serveSignedIn(app, endpoints.record, async (request, { user }, reply) => {
    const result = await manualDeposits.record({
      adminId: user.id,
      userId: request.body.userId,
      amountCents: request.body.amountCents,
      reference: request.body.reference,
      note: request.body.note,
      idempotency: idempotencyScopeOf(request),
    });
    if (result.replayed) reply.code(200);
    return {
      transactionId: result.transactionId,
      balance: presentBalance(result.balance, ledger, await minHourlyCents()),
      deposit: presentManualDeposit(result.deposit),
    };
  });

  serveEndpoint(app, endpoints.list, async (request) =>
    presentPage(await manualDeposits.list(request.query), presentManualDeposit),
  );
};
