import type { FastifyPluginAsync } from 'fastify';
import {
  adminPayoutEndpoints as admin,
  earningsEndpoints as endpoints,
} from '../../../shared/api/earnings.js';
import { serveEndpoint } from '../../lib/endpoint-route.js';
import { requireUser } from '../../plugins/auth.js';
import { idempotencyScopeOf } from '../idempotency/idempotency.http.js';
import { presentBonus } from '../review/review.presenters.js';
import type { EarningsService } from './earnings.service.js';
import { presentAdminPayout, presentPayout, presentProjectEarnings } from './payouts.presenters.js';
import type { PayoutsService } from './payouts.service.js';

export const payoutsRoutes: FastifyPluginAsync<{
  payouts: PayoutsService;
  earnings: EarningsService;
}> = async (app, { payouts, earnings }) => {
  serveEndpoint(app, endpoints.summary, async (request) => {
    const summary = await earnings.summary(requireUser(request).user.id);
    return { ...summary, recentBonuses: summary.recentBonuses.map(presentBonus) };
  });

  serveEndpoint(app, endpoints.daily, async (request) =>
    earnings.daily(requireUser(request).user.id, request.query.days),
  );

  serveEndpoint(app, endpoints.perProject, async (request) => {
    const page = await earnings.perProject(requireUser(request).user.id, request.query);
    return { items: page.items.map(presentProjectEarnings), nextCursor: page.nextCursor };
  });

  serveEndpoint(app, endpoints.spending, async (request) =>
    earnings.spending(requireUser(request).user.id, request.query),
  );

  serveEndpoint(app, endpoints.requestPayout, async (request, reply) => {
    const result = await payouts.request(
      requireUser(request).user.id,
      request.body?.amountCents,
      idempotencyScopeOf(request),
    );
    if (result.replayed) reply.code(200);
    return presentPayout(result.payout);
  });

  serveEndpoint(app, endpoints.myPayouts, async (request) => {
    const page = await payouts.listMine(requireUser(request).user.id, request.query);
    return { items: page.items.map(presentPayout), nextCursor: page.nextCursor };
  });

  serveEndpoint(app, admin.list, async (request) => {
    const page = await payouts.listAll(request.query);
    return { items: page.items.map(presentAdminPayout), nextCursor: page.nextCursor };
  });

  serveEndpoint(app, admin.markPaid, async (request) =>
    presentPayout(
      await payouts.markPaid(
        requireUser(request).user.id,
        request.params.id,
        request.body.reference,
      ),
    ),
  );

  serveEndpoint(app, admin.cancel, async (request) =>
    presentPayout(
      await payouts.cancel(requireUser(request).user.id, request.params.id, request.body?.reason),
    ),
  );
};
