import type { FastifyPluginAsync } from 'fastify';
import { reputationEndpoints as endpoints } from '../../../shared/api/reputation.js';
import { serveEndpoint } from '../../lib/endpoint-route.js';
import { serveSignedIn } from '../../lib/signed-in-route.js';
import type { ReputationService } from './reputation.service.js';

export const reputationRoutes: FastifyPluginAsync<{ reputation: ReputationService }> = async (
  app,
  { reputation },
) => {
  serveEndpoint(app, endpoints.reputation, async (request) =>
    reputation.reputation(request.params.idOrHandle),
  );
  serveSignedIn(app, endpoints.rate, async (request, { user }) =>
    reputation.rate(user.id, request.params.userId, request.body),
  );
  serveSignedIn(app, endpoints.myRating, async (request, { user }) =>
    reputation.myRating(user.id, request.params.userId),
  );
};
