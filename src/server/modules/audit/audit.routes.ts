import type { FastifyPluginAsync } from 'fastify';
import { auditEndpoints as endpoints } from '../../../shared/api/audit.js';
import { serveEndpoint } from '../../lib/endpoint-route.js';
import { requireUser } from '../../plugins/auth.js';
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
    return { items: page.items.map(presentAuditEntry), nextCursor: page.nextCursor };
  });

  serveEndpoint(app, endpoints.mine, async (request) => {
    const page = await audit.mine(requireUser(request).user.id, request.query);
    return { items: page.items.map(presentAuditEntry), nextCursor: page.nextCursor };
  });
};
