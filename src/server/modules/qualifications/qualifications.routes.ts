import type { FastifyPluginAsync } from 'fastify';
import { qualificationEndpoints as endpoints } from '../../../shared/api/qualifications.js';
import { serveEndpoint } from '../../lib/endpoint-route.js';
import { requireUser } from '../../plugins/auth.js';
import { presentHolder, presentQualificationType } from './qualifications.presenters.js';
import type { QualificationsService } from './qualifications.service.js';

export const qualificationsRoutes: FastifyPluginAsync<{
  qualifications: QualificationsService;
}> = async (app, { qualifications }) => {
  serveEndpoint(app, endpoints.createType, async (request) =>
    presentQualificationType(
      await qualifications.createType(requireUser(request).user.id, request.body),
    ),
  );

  serveEndpoint(app, endpoints.listTypes, async (request) => {
    const page = await qualifications.listTypes(requireUser(request).user.id, request.query);
    return { items: page.items.map(presentQualificationType), nextCursor: page.nextCursor };
  });

  serveEndpoint(app, endpoints.getType, async (request) =>
    presentQualificationType(
      await qualifications.getType(requireUser(request).user.id, request.params.id),
    ),
  );

  serveEndpoint(app, endpoints.updateType, async (request) =>
    presentQualificationType(
      await qualifications.updateType(
        requireUser(request).user.id,
        request.params.id,
        request.body,
      ),
    ),
  );

  serveEndpoint(app, endpoints.listHolders, async (request) => {
    const page = await qualifications.listHolders(
      requireUser(request).user.id,
      request.params.id,
      request.query,
    );
    return { items: page.items.map(presentHolder), nextCursor: page.nextCursor };
  });

  serveEndpoint(app, endpoints.grant, async (request) =>
    presentHolder(
      await qualifications.grant(
        requireUser(request).user.id,
        request.params.id,
        request.params.workerIdOrHandle,
        request.body.value,
      ),
    ),
  );

  serveEndpoint(app, endpoints.revoke, async (request) => {
    await qualifications.revoke(
      requireUser(request).user.id,
      request.params.id,
      request.params.workerIdOrHandle,
    );
    return { ok: true as const };
  });
};
