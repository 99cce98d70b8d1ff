import type { FastifyPluginAsync } from 'fastify';
import { qualificationRequestEndpoints as endpoints } from '../../../shared/api/qualification-requests.js';
import { serveEndpoint } from '../../lib/endpoint-route.js';
import { requireUser } from '../../plugins/auth.js';
import { presentQualificationRequest as present } from './qualification-requests.presenters.js';
import type { QualificationRequestsService } from './qualification-requests.service.js';

export const qualificationRequestsRoutes: FastifyPluginAsync<{
  requests: QualificationRequestsService;
}> = async (app, { requests }) => {
  serveEndpoint(app, endpoints.request, async (request) =>
    present(await requests.request(requireUser(request).user.id, request.params.id)),
  );

  serveEndpoint(app, endpoints.mine, async (request) => {
    const page = await requests.listMine(requireUser(request).user.id, request.query);
    return { items: page.items.map(present), nextCursor: page.nextCursor };
  });

  serveEndpoint(app, endpoints.list, async (request) => {
    const page = await requests.listForOwner(requireUser(request).user.id, request.query);
    return { items: page.items.map(present), nextCursor: page.nextCursor };
  });

  serveEndpoint(app, endpoints.grant, async (request) =>
    present(
      await requests.grant(
        requireUser(request).user.id,
        request.params.requestId,
        request.body.value,
      ),
    ),
  );

  serveEndpoint(app, endpoints.refuse, async (request) =>
    present(
      await requests.refuse(
        requireUser(request).user.id,
        request.params.requestId,
        request.body.reason,
      ),
    ),
  );
};
