import type { FastifyPluginAsync } from 'fastify';
import { adminUserEndpoints as endpoints } from '../../../shared/api/accounts.js';
import { serveEndpoint } from '../../lib/endpoint-route.js';
import { requireUser } from '../../plugins/auth.js';
import type { AccountsService } from './accounts.service.js';
import { presentUser } from './accounts.presenters.js';

export const adminRoutes: FastifyPluginAsync<{ accounts: AccountsService }> = async (
  app,
  { accounts },
) => {
  serveEndpoint(app, endpoints.list, async (request) => {
    const page = await accounts.listUsers(request.query);
    return { items: page.items.map(presentUser), nextCursor: page.nextCursor };
  });

  for (const [action, status] of [
    [endpoints.suspend, 'suspended'],
    [endpoints.reinstate, 'active'],
  ] as const) {
    serveEndpoint(app, action, async (request) =>
      presentUser(
        await accounts.setStatus(requireUser(request).user.id, request.params.id, status),
      ),
    );
  }
};
