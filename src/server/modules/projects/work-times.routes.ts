import type { FastifyPluginAsync } from 'fastify';
import { workTimeEndpoints as endpoints } from '../../../shared/api/work-times.js';
import { serveEndpoint } from '../../lib/endpoint-route.js';
import { requireUser } from '../../plugins/auth.js';
import type { WorkTimesService } from './work-times.service.js';

export const workTimesRoutes: FastifyPluginAsync<{ workTimes: WorkTimesService }> = async (
  app,
  { workTimes },
) => {
  serveEndpoint(app, endpoints.distribution, async (request) =>
    workTimes.distribution(requireUser(request).user.id, request.params.id),
  );
};
