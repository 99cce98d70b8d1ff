import type { FastifyPluginAsync } from 'fastify';
import { goldEndpoints as endpoints } from '../../../shared/api/gold.js';
import { serveEndpoint } from '../../lib/endpoint-route.js';
import { requireUser } from '../../plugins/auth.js';
import type { GoldService } from './gold.service.js';
import { presentGoldTask } from './projects.presenters.js';

export const goldRoutes: FastifyPluginAsync<{ gold: GoldService }> = async (app, { gold }) => {
  serveEndpoint(app, endpoints.list, async (request) => {
    const page = await gold.list(requireUser(request).user.id, request.params.id, request.query);
    return { items: page.items.map(presentGoldTask), nextCursor: page.nextCursor };
  });
  serveEndpoint(app, endpoints.set, async (request) =>
    presentGoldTask(
      await gold.set(
        requireUser(request).user.id,
        request.params.id,
        request.params.taskId,
        request.body,
      ),
    ),
  );
  serveEndpoint(app, endpoints.remove, async (request) =>
    gold.remove(requireUser(request).user.id, request.params.id, request.params.taskId),
  );
};
