import type { FastifyPluginAsync } from 'fastify';
import { qualificationRequestEndpoints as endpoints } from '../../../shared/api/qualification-requests.js';
import { presentPage } from '../../lib/present-page.js';
import { serveSignedIn } from '../../lib/signed-in-route.js';
import { presentQualificationRequest as present } from './qualification-requests.presenters.js';
import type { QualificationRequestsService } from './qualification-requests.service.js';

export const qualificationRequestsRoutes: FastifyPluginAsync<{
  requests: QualificationRequestsService;
}> = async (app, { requests }) => {
  serveSignedIn(app, endpoints.request, async (request, { user }) =>
    present(await requests.request(user.id, request.params.id)),
  );

  serveSignedIn(app, endpoints.mine, async (request, { user }) =>
    presentPage(await requests.listMine(user.id, request.query), present),
  );

  serveSignedIn(app, endpoints.list, async (request, { user }) =>
    presentPage(await requests.listForOwner(user.id, request.query), present),
  );

  serveSignedIn(app, endpoints.grant, async (request, { user }) =>
    present(await requests.grant(user.id, request.params.requestId, request.body.value)),
  );

  serveSignedIn(app, endpoints.refuse, async (request, { user }) =>
    present(await requests.refuse(user.id, request.params.requestId, request.body.reason)),
  );
};
