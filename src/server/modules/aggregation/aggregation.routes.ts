import type { FastifyPluginAsync } from 'fastify';
import { aggregateEndpoints as endpoints } from '../../../shared/api/aggregates.js';
import { serveSignedIn } from '../../lib/signed-in-route.js';
import type { AggregationService } from './aggregation.service.js';

export const aggregationRoutes: FastifyPluginAsync<{ aggregation: AggregationService }> = async (
  app,
  { aggregation },
) => {
  serveSignedIn(app, endpoints.list, async (request, { user }) =>
    aggregation.list(user.id, request.params.id, request.query),
  );
  serveSignedIn(app, endpoints.workers, async (request, { user }) =>
    aggregation.workers(user.id, request.params.id),
  );
};
