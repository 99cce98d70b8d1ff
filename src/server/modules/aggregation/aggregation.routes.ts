import type { FastifyPluginAsync } from 'fastify';
import { aggregateEndpoints as endpoints } from '../../../shared/api/aggregates.js';
import { serveEndpoint } from '../../lib/endpoint-route.js';
import { requireUser } from '../../plugins/auth.js';
import type { AggregationService } from './aggregation.service.js';

export const aggregationRoutes: FastifyPluginAsync<{ aggregation: AggregationService }> = async (
  app,
  { aggregation },
) => {
  serveEndpoint(app, endpoints.list, async (request) =>
    aggregation.list(requireUser(request).user.id, request.params.id, request.query),
  );
  serveEndpoint(app, endpoints.workers, async (request) =>
    aggregation.workers(requireUser(request).user.id, request.params.id),
  );
};
