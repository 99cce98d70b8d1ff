import type { FastifyPluginAsync } from 'fastify';
import { goldEndpoints as endpoints } from '../../../shared/api/gold.js';
import { presentPage } from '../../lib/present-page.js';
import { serveSignedIn } from '../../lib/signed-in-route.js';
import type { GoldService } from './gold.service.js';
import { presentGoldTask } from './projects.presenters.js';

export const goldRoutes: FastifyPluginAsync<{ gold: GoldService }> = async (app, { gold }) => {
  serveSignedIn(app, endpoints.list, async (request, { user }) =>
    presentPage(await gold.list(user.id, request.params.id, request.query), presentGoldTask),
  );
  serveSignedIn(app, endpoints.set, async ({ params, body }, { user }) =>
    presentGoldTask(await gold.set(user.id, params.id, params.taskId, body)),
  );
  serveSignedIn(app, endpoints.remove, async ({ params }, { user }) =>
    gold.remove(user.id, params.id, params.taskId),
  );
};
