import type { FastifyPluginAsync } from 'fastify';
import { moneyEndpoints as endpoints } from '../../../shared/api/money.js';
import { serveEndpoint } from '../../lib/endpoint-route.js';
import { requireUser } from '../../plugins/auth.js';
import { idempotencyScopeOf } from '../idempotency/idempotency.http.js';
import { presentBalance, presentLedgerEntry } from './ledger.presenters.js';
import type { LedgerService } from './ledger.service.js';

export const ledgerRoutes: FastifyPluginAsync<{
  ledger: LedgerService;
  /** MIN_HOURLY_CENTS, shown beside the balance (see balanceSchema). */
  /** The pay floor rule in force, shown with the balance to price new work. */
  minHourlyCents: () => Promise<number>;
}> = async (app, { ledger, minHourlyCents }) => {
  serveEndpoint(app, endpoints.balance, async (request) =>
    presentBalance(
      await ledger.balance(requireUser(request).user.id),
      ledger,
      await minHourlyCents(),
    ),
  );

  serveEndpoint(app, endpoints.deposit, async (request, reply) => {
    const user = requireUser(request).user;
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

  serveEndpoint(app, endpoints.ledger, async (request) => {
    const page = await ledger.history(requireUser(request).user.id, request.query);
    return { items: page.items.map(presentLedgerEntry), nextCursor: page.nextCursor };
  });
};
