import type { FastifyPluginAsync } from 'fastify';
import { reputationEndpoints as endpoints } from '../../../shared/api/reputation.js';
import { serveEndpoint } from '../../lib/endpoint-route.js';
import { requireUser } from '../../plugins/auth.js';
import type { ReputationService } from './reputation.service.js';

export const reputationRoutes: FastifyPluginAsync<{ reputation: ReputationService }> = async (
  app,
  { reputation },
) => {
  serveEndpoint(app, endpoints.reputation, async (request) =>
    reputation.reputation(request.params.idOrHandle),
  );
  serveEndpoint(app, endpoints.rate, async (request) =>
    reputation.rate(requireUser(request).user.id, request.params.userId, request.body),
  );
  serveEndpoint(app, endpoints.myRating, async (request) =>
    reputation.myRating(requireUser(request).user.id, request.params.userId),
  );
};
