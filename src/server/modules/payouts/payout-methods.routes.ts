import type { FastifyPluginAsync } from 'fastify';
import { payoutMethodEndpoints as endpoints } from '../../../shared/api/payout-methods.js';
import { serveEndpoint } from '../../lib/endpoint-route.js';
import { requireUser } from '../../plugins/auth.js';
import { presentPayoutMethod } from './payout-methods.presenters.js';
import type { PayoutMethodsService } from './payout-methods.service.js';

/** A worker's own payout method; nobody else reads it here (administrators see payouts' copies). */
export const payoutMethodsRoutes: FastifyPluginAsync<{ methods: PayoutMethodsService }> = async (
  app,
  { methods },
) => {
  serveEndpoint(app, endpoints.get, async (request) => {
    const row = await methods.get(requireUser(request).user.id);
    return { payoutMethod: row ? presentPayoutMethod(row) : null };
  });

  serveEndpoint(app, endpoints.set, async (request) => ({
    payoutMethod: presentPayoutMethod(
      await methods.set(requireUser(request).user.id, request.body),
    ),
  }));

  serveEndpoint(app, endpoints.remove, async (request) => {
    await methods.remove(requireUser(request).user.id);
    return { payoutMethod: null };
  });
};
