import type { FastifyPluginAsync } from 'fastify';
import { accessKeyEndpoints as endpoints } from '../../../shared/api/access-keys.js';
import { serveEndpoint } from '../../lib/endpoint-route.js';
import { requireUser } from '../../plugins/auth.js';
import { presentAccessKey } from './access-keys.presenters.js';
import type { AccessKeysService } from './access-keys.service.js';

export const accessKeysRoutes: FastifyPluginAsync<{ accessKeys: AccessKeysService }> = async (
  app,
  { accessKeys },
) => {
  serveEndpoint(app, endpoints.create, async (request) => {
    const { row, secretAccessKey } = await accessKeys.create(requireUser(request), request.body);
    return { ...presentAccessKey(row), secretAccessKey };
  });

  serveEndpoint(app, endpoints.list, async (request) => ({
    items: (await accessKeys.list(requireUser(request))).map(presentAccessKey),
    nextCursor: null,
  }));

  serveEndpoint(app, endpoints.delete, async (request) => {
    await accessKeys.delete(requireUser(request), request.params.accessKeyId);
    return { ok: true as const };
  });
};
