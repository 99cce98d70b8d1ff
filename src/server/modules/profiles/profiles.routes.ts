import type { FastifyPluginAsync } from 'fastify';
import { profileEndpoints as endpoints } from '../../../shared/api/profiles.js';
import { serveEndpoint } from '../../lib/endpoint-route.js';
import { presentPage } from '../../lib/present-page.js';
import { presentPublicProject } from './profiles.presenters.js';
import type { ProfilesService } from './profiles.service.js';

export const profilesRoutes: FastifyPluginAsync<{ profiles: ProfilesService }> = async (
  app,
  { profiles },
) => {
  serveEndpoint(app, endpoints.record, async (request) =>
    profiles.record(request.params.idOrHandle),
  );

  serveEndpoint(app, endpoints.projects, async (request) =>
    presentPage(
      await profiles.projects(request.params.idOrHandle, request.query),
      presentPublicProject,
    ),
  );
};
