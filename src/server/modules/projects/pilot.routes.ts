import type { FastifyPluginAsync } from 'fastify';
import { pilotEndpoints as endpoints } from '../../../shared/api/pilot.js';
import { serveSignedIn } from '../../lib/signed-in-route.js';
import type { LifecycleService } from './lifecycle.service.js';
import type { PilotService } from './pilot.service.js';
import { presentProject } from './projects.presenters.js';

export const pilotRoutes: FastifyPluginAsync<{
  lifecycle: LifecycleService;
  pilot: PilotService;
}> = async (app, { lifecycle, pilot }) => {
  serveSignedIn(app, endpoints.start, async (request, { user }) =>
    presentProject(await lifecycle.runPilot(user.id, request.params.id, request.body)),
  );

  serveSignedIn(app, endpoints.feedback, async (request, { user }) =>
    pilot.submissions(user.id, request.params.id, request.query),
  );
};
