import type { FastifyPluginAsync } from 'fastify';
import { payoutMethodEndpoints as endpoints } from '../../../shared/api/payout-methods.js';
import { serveSignedIn } from '../../lib/signed-in-route.js';
import { presentPayoutMethod } from './payout-methods.presenters.js';
import type { PayoutMethodsService } from './payout-methods.service.js';

/** A worker's own payout method; nobody else reads it here (administrators see payouts' copies). */
export const payoutMethodsRoutes: FastifyPluginAsync<{ methods: PayoutMethodsService }> = async (
  app,
  { methods },
) => {
  serveSignedIn(app, endpoints.get, async (_request, { user }) => {
    const row = await methods.get(user.id);
    return { payoutMethod: row ? presentPayoutMethod(row) : null };
  });

  serveSignedIn(app, endpoints.set, async (request, { user }) => ({
    payoutMethod: presentPayoutMethod(await methods.set(user.id, request.body)),
  }));

  serveSignedIn(app, endpoints.remove, async (_request, { user }) => {
    await methods.remove(user.id);
    return { payoutMethod: null };
  });
};
