import type { FastifyPluginAsync } from 'fastify';
import { appealEndpoints as endpoints } from '../../../shared/api/appeals.js';
import { ForbiddenError } from '../../errors.js';
import { serveSignedIn } from '../../lib/signed-in-route.js';
import { presentAppeal } from './appeals.presenters.js';
import type { AppealsService } from './appeals.service.js';

export const appealsRoutes: FastifyPluginAsync<{ appeals: AppealsService }> = async (
  app,
  { appeals },
) => {
  serveSignedIn(app, endpoints.appeal, async (request, { user }) => {
    const id = await appeals.appeal(user.id, request.params.id, request.body.message);
    return presentAppeal(await appeals.get(user.id, id));
  });

  serveSignedIn(app, endpoints.decide, async (request, { user }) => {
    const id = await appeals.decide(user.id, request.params.id, request.body);
    return presentAppeal(await appeals.get(user.id, id));
  });

  serveSignedIn(app, endpoints.get, async (request, auth) => {
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

  serveSignedIn(app, endpoints.mine, async (request, { user }) => {
    const page = await appeals.listMine(user.id, request.query);
    return { ...page, items: page.items.map(presentAppeal) };
  });

  serveSignedIn(app, endpoints.project, async (request, { user }) => {
    const page = await appeals.listForProject(user.id, request.params.id, request.query);
    return { ...page, items: page.items.map(presentAppeal) };
  });
};
