import type { FastifyPluginAsync } from 'fastify';
import { appealEndpoints as endpoints } from '../../../shared/api/appeals.js';
import { ForbiddenError } from '../../errors.js';
import { serveEndpoint } from '../../lib/endpoint-route.js';
import { requireUser } from '../../plugins/auth.js';
import { presentAppeal } from './appeals.presenters.js';
import type { AppealsService } from './appeals.service.js';

export const appealsRoutes: FastifyPluginAsync<{ appeals: AppealsService }> = async (
  app,
  { appeals },
) => {
  serveEndpoint(app, endpoints.appeal, async (request) => {
    const userId = requireUser(request).user.id;
    const id = await appeals.appeal(userId, request.params.id, request.body.message);
    return presentAppeal(await appeals.get(userId, id));
  });

  serveEndpoint(app, endpoints.decide, async (request) => {
    const userId = requireUser(request).user.id;
    const id = await appeals.decide(userId, request.params.id, request.body);
    return presentAppeal(await appeals.get(userId, id));
  });

  serveEndpoint(app, endpoints.get, async (request) => {
    const auth = requireUser(request);
    const row = await appeals.get(auth.user.id, request.params.id);
    // Open to two scopes: each side's token needs the one its side of the marketplace reads with.
    const scope = row.worker_id === auth.user.id ? 'work:read' : 'projects:read';
    if (!auth.scopes.includes(scope)) {
      throw new ForbiddenError(`This token lacks the "${scope}" scope.`, 'insufficient_scope', {
        requiredScope: scope,
      });
    }
    return presentAppeal(row);
  });

  serveEndpoint(app, endpoints.mine, async (request) => {
    const page = await appeals.listMine(requireUser(request).user.id, request.query);
    return { ...page, items: page.items.map(presentAppeal) };
  });

  serveEndpoint(app, endpoints.project, async (request) => {
    const page = await appeals.listForProject(
      requireUser(request).user.id,
      request.params.id,
      request.query,
    );
    return { ...page, items: page.items.map(presentAppeal) };
  });
};
