import type { FastifyPluginAsync } from 'fastify';
import { qualificationEndpoints as endpoints } from '../../../shared/api/qualifications.js';
import { presentPage } from '../../lib/present-page.js';
import { serveSignedIn } from '../../lib/signed-in-route.js';
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

  serveSignedIn(app, endpoints.createType, async (request, { user }) =>
    detail(user.id, await qualifications.createType(user.id, request.body)),
  );

  serveSignedIn(app, endpoints.listTypes, async (request, { user }) =>
    presentPage(await qualifications.listTypes(user.id, request.query), presentQualificationType),
  );

  serveSignedIn(app, endpoints.getType, async (request, { user }) =>
    detail(user.id, await qualifications.getType(user.id, request.params.id)),
  );

  serveSignedIn(app, endpoints.updateType, async ({ params, body }, { user }) =>
    detail(user.id, await qualifications.updateType(user.id, params.id, body)),
  );

  serveSignedIn(app, endpoints.listHolders, async ({ params, query }, { user }) =>
    presentPage(await qualifications.listHolders(user.id, params.id, query), presentHolder),
  );

  serveSignedIn(app, endpoints.grant, async ({ params, body }, { user }) =>
    presentHolder(
      await qualifications.grant(user.id, params.id, params.workerIdOrHandle, body.value),
    ),
  );

  serveSignedIn(app, endpoints.revoke, async ({ params }, { user }) => {
    await qualifications.revoke(user.id, params.id, params.workerIdOrHandle);
    return { ok: true as const };
  });
};
