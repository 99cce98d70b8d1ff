import type { FastifyPluginAsync } from 'fastify';
import { webhookEndpoints as endpoints } from '../../../shared/api/webhooks.js';
import { serveEndpoint } from '../../lib/endpoint-route.js';
import { requireUser } from '../../plugins/auth.js';
import { presentDelivery, presentWebhook } from './webhooks.presenters.js';
import type { WebhooksService } from './webhooks.service.js';

export const webhooksRoutes: FastifyPluginAsync<{ webhooks: WebhooksService }> = async (
  app,
  { webhooks },
) => {
  serveEndpoint(app, endpoints.create, async (request) => {
    const created = await webhooks.create(requireUser(request).user.id, request.body);
    return { ...presentWebhook(created), secret: created.secret };
  });

  serveEndpoint(app, endpoints.list, async (request) => {
    const page = await webhooks.list(requireUser(request).user.id, request.query);
    return { items: page.items.map(presentWebhook), nextCursor: page.nextCursor };
  });

  serveEndpoint(app, endpoints.get, async (request) =>
    presentWebhook(await webhooks.get(requireUser(request).user.id, request.params.id)),
  );

  serveEndpoint(app, endpoints.delete, async (request) => {
    await webhooks.delete(requireUser(request).user.id, request.params.id);
    return { ok: true as const };
  });

  serveEndpoint(app, endpoints.test, async (request) =>
    presentDelivery(await webhooks.ping(requireUser(request).user.id, request.params.id)),
  );

  serveEndpoint(app, endpoints.deliveries, async (request) => {
    const page = await webhooks.deliveries(
      requireUser(request).user.id,
      request.params.id,
      request.query,
    );
    return { items: page.items.map(presentDelivery), nextCursor: page.nextCursor };
  });
};
