import type { FastifyPluginAsync } from 'fastify';
import { qualificationEndpoints as endpoints } from '../../../shared/api/qualifications.js';
import { serveEndpoint } from '../../lib/endpoint-route.js';
import { requireUser } from '../../plugins/auth.js';
import { presentQualificationTypeDetail } from './qualification-tests.presenters.js';
import type { QualificationTestsService } from './qualification-tests.service.js';
import { presentHolder, presentQualificationType } from './qualifications.presenters.js';
import type { QualificationsService } from './qualifications.service.js';
import type { QualificationTypeRow } from './qualifications.repository.js';

export const qualificationsRoutes: FastifyPluginAsync<{
  qualifications: QualificationsService;
  qualificationTests: Pick<QualificationTestsService, 'definition'>;
}> = async (app, { qualifications, qualificationTests }) => {
  /** One type as its owner sees it, with its test. */
  const detail = async (ownerId: string, type: QualificationTypeRow) =>
    presentQualificationTypeDetail(type, await qualificationTests.definition(ownerId, type.id));

  serveEndpoint(app, endpoints.createType, async (request) => {
    const ownerId = requireUser(request).user.id;
    return detail(ownerId, await qualifications.createType(ownerId, request.body));
  });

  serveEndpoint(app, endpoints.listTypes, async (request) => {
    const page = await qualifications.listTypes(requireUser(request).user.id, request.query);
    return { items: page.items.map(presentQualificationType), nextCursor: page.nextCursor };
  });

  serveEndpoint(app, endpoints.getType, async (request) => {
    const ownerId = requireUser(request).user.id;
    return detail(ownerId, await qualifications.getType(ownerId, request.params.id));
  });

  serveEndpoint(app, endpoints.updateType, async (request) => {
    const ownerId = requireUser(request).user.id;
    return detail(
      ownerId,
      await qualifications.updateType(ownerId, request.params.id, request.body),
    );
  });

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
