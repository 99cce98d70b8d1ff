import type { FastifyPluginAsync } from 'fastify';
import {
  adminPayoutEndpoints as admin,
  earningsEndpoints as endpoints,
} from '../../../shared/api/earnings.js';
import { serveEndpoint } from '../../lib/endpoint-route.js';
import { presentPage } from '../../lib/present-page.js';
import { serveSignedIn } from '../../lib/signed-in-route.js';
import { idempotencyScopeOf } from '../idempotency/idempotency.http.js';
import { presentBonus } from '../review/review.presenters.js';
import type { EarningsService } from './earnings.service.js';
import { presentAdminPayout, presentPayout, presentProjectEarnings } from './payouts.presenters.js';
import type { PayoutsService } from './payouts.service.js';

export const payoutsRoutes: FastifyPluginAsync<{
  payouts: PayoutsService;
  earnings: EarningsService;
}> = async (app, { payouts, earnings }) => {
  serveSignedIn(app, endpoints.summary, async (_request, { user }) => {
    const summary = await earnings.summary(user.id);
    return { ...summary, recentBonuses: summary.recentBonuses.map(presentBonus) };
  });

  serveSignedIn(app, endpoints.daily, async (request, { user }) =>
    earnings.daily(user.id, request.query.days),
  );

  serveSignedIn(app, endpoints.perProject, async (request, { user }) =>
    presentPage(await earnings.perProject(user.id, request.query), presentProjectEarnings),
  );

  serveSignedIn(app, endpoints.spending, async (request, { user }) =>
    earnings.spending(user.id, request.query),
  );

  serveSignedIn(app, endpoints.requestPayout, async (request, { user }, reply) => {
    const result = await payouts.request(
      user.id,
      request.body?.amountCents,
      idempotencyScopeOf(request),
    );
    if (result.replayed) reply.code(200);
    return presentPayout(result.payout);
  });

  serveSignedIn(app, endpoints.myPayouts, async (request, { user }) =>
    presentPage(await payouts.listMine(user.id, request.query), presentPayout),
  );

  serveEndpoint(app, admin.list, async (request) =>
    presentPage(await payouts.listAll(request.query), presentAdminPayout),
  );

  serveSignedIn(app, admin.markPaid, async (request, { user }) =>
    presentPayout(await payouts.markPaid(user.id, request.params.id, request.body.reference)),
  );

  serveSignedIn(app, admin.cancel, async (request, { user }) =>
    presentPayout(await payouts.cancel(user.id, request.params.id, request.body?.reason)),
  );
};
