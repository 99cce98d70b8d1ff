import type { FastifyPluginAsync } from 'fastify';
import { pilotEndpoints as endpoints } from '../../../shared/api/pilot.js';
import { serveEndpoint } from '../../lib/endpoint-route.js';
import { requireUser } from '../../plugins/auth.js';
import type { LifecycleService } from './lifecycle.service.js';
import type { PilotService } from './pilot.service.js';
import { presentProject } from './projects.presenters.js';

export const pilotRoutes: FastifyPluginAsync<{
  lifecycle: LifecycleService;
  pilot: PilotService;
}> = async (app, { lifecycle, pilot }) => {
  serveEndpoint(app, endpoints.start, async (request) =>
    presentProject(
      await lifecycle.runPilot(requireUser(request).user.id, request.params.id, request.body),
    ),
  );

  serveEndpoint(app, endpoints.feedback, async (request) =>
    pilot.submissions(requireUser(request).user.id, request.params.id, request.query),
  );
};
