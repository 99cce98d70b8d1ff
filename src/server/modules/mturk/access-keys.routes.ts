import type { FastifyPluginAsync } from 'fastify';
import { accessKeyEndpoints as endpoints } from '../../../shared/api/access-keys.js';
import { serveSignedIn } from '../../lib/signed-in-route.js';
import { presentAccessKey } from './access-keys.presenters.js';
import type { AccessKeysService } from './access-keys.service.js';

export const accessKeysRoutes: FastifyPluginAsync<{ accessKeys: AccessKeysService }> = async (
  app,
  { accessKeys },
) => {
  serveSignedIn(app, endpoints.create, async (request, caller) => {
    const { row, secretAccessKey } = await accessKeys.create(caller, request.body);
    return { ...presentAccessKey(row), secretAccessKey };
  });

  serveSignedIn(app, endpoints.list, async (_request, caller) => ({
    items: (await accessKeys.list(caller)).map(presentAccessKey),
    nextCursor: null,
  }));

  serveSignedIn(app, endpoints.delete, async (request, caller) => {
    await accessKeys.delete(caller, request.params.accessKeyId);
    return { ok: true as const };
  });
};
