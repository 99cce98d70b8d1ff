import type { FastifyPluginAsync } from 'fastify';
import { auditEndpoints as endpoints } from '../../../shared/api/audit.js';
import { serveEndpoint } from '../../lib/endpoint-route.js';
import { presentPage } from '../../lib/present-page.js';
import { serveSignedIn } from '../../lib/signed-in-route.js';
import { presentAuditEntry } from './audit.presenters.js';
import type { AuditService } from './audit.service.js';

export const auditRoutes: FastifyPluginAsync<{ audit: AuditService }> = async (app, { audit }) => {
  serveEndpoint(app, endpoints.search, async (request) => {
    const { from, to, ...filter } = request.query;
    const page = await audit.search({
      ...filter,
      from: from ? new Date(from) : undefined,
      to: to ? new Date(to) : undefined,
    });
    return presentPage(page, presentAuditEntry);
  });

  serveSignedIn(app, endpoints.mine, async (request, { user }) =>
    presentPage(await audit.mine(user.id, request.query), presentAuditEntry),
  );
};
