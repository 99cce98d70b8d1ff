import type { FastifyPluginAsync } from 'fastify';
import { setupEndpoints as endpoints } from '../../../shared/api/setup.js';
import { serveEndpoint } from '../../lib/endpoint-route.js';
import { presentUser } from '../accounts/accounts.presenters.js';
import type { SetupService } from './setup.service.js';

export type SetupRoutesOptions = {
  setup: SetupService;
  rateLimit: { max: number; timeWindow: number };
};

export const setupRoutes: FastifyPluginAsync<SetupRoutesOptions> = async (
  app,
  { setup, rateLimit },
) => {
  serveEndpoint(
    app,
    endpoints.createFirstAdmin,
    async (request) => ({ user: presentUser(await setup.createFirstAdmin(request.body)) }),
    { rateLimit },
  );
};
