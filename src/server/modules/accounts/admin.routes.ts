import type { FastifyPluginAsync } from 'fastify';
import { adminUserEndpoints as endpoints } from '../../../shared/api/accounts.js';
import { serveEndpoint } from '../../lib/endpoint-route.js';
import { presentPage } from '../../lib/present-page.js';
import { serveSignedIn } from '../../lib/signed-in-route.js';
import type { AccountsService } from './accounts.service.js';
import { presentUser } from './accounts.presenters.js';

export const adminRoutes: FastifyPluginAsync<{ accounts: AccountsService }> = async (
  app,
  { accounts },
) => {
  serveEndpoint(app, endpoints.list, async (request) =>
    presentPage(await accounts.listUsers(request.query), presentUser),
  );

  for (const [action, status] of [
    [endpoints.suspend, 'suspended'],
    [endpoints.reinstate, 'active'],
  ] as const) {
    serveSignedIn(app, action, async (request, { user }) =>
      presentUser(await accounts.setStatus(user.id, request.params.id, status)),
    );
  }
};
