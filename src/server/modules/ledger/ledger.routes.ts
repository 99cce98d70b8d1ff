import type { FastifyPluginAsync } from 'fastify';
import { moneyEndpoints as endpoints } from '../../../shared/api/money.js';
import { presentPage } from '../../lib/present-page.js';
import { serveSignedIn } from '../../lib/signed-in-route.js';
import { idempotencyScopeOf } from '../idempotency/idempotency.http.js';
import { presentBalance, presentLedgerEntry } from './ledger.presenters.js';
import type { LedgerService } from './ledger.service.js';

export const ledgerRoutes: FastifyPluginAsync<{
  ledger: LedgerService;
  /** MIN_HOURLY_CENTS, shown beside the balance (see balanceSchema). */
  /** The pay floor rule in force, shown with the balance to price new work. */
  minHourlyCents: () => Promise<number>;
}> = async (app, { ledger, minHourlyCents }) => {
  serveSignedIn(app, endpoints.balance, async (_request, { user }) =>
    presentBalance(await ledger.balance(user.id), ledger, await minHourlyCents()),
  );

  serveSignedIn(app, endpoints.deposit, async (request, { user }, reply) => {
    const result = await ledger.deposit({
      userId: user.id,
      actorId: user.id,
      amountCents: request.body.amountCents,
      provider: 'sandbox',
      idempotency: idempotencyScopeOf(request),
    });
    if (result.replayed) reply.code(200);
    return {
      transactionId: result.transactionId,
      balance: presentBalance(result.balance, ledger, await minHourlyCents()),
    };
  });

  serveSignedIn(app, endpoints.ledger, async (request, { user }) =>
    presentPage(await ledger.history(user.id, request.query), presentLedgerEntry),
  );
};
