import type { FastifyPluginAsync } from 'fastify';
import { workTimeEndpoints as endpoints } from '../../../shared/api/work-times.js';
import { serveSignedIn } from '../../lib/signed-in-route.js';
import type { WorkTimesService } from './work-times.service.js';

export const workTimesRoutes: FastifyPluginAsync<{ workTimes: WorkTimesService }> = async (
  app,
  { workTimes },
) => {
  serveSignedIn(app, endpoints.distribution, async (request, { user }) =>
    workTimes.distribution(user.id, request.params.id),
  );
};
