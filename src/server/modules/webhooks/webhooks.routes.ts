import type { FastifyPluginAsync } from 'fastify';
import { webhookEndpoints as endpoints } from '../../../shared/api/webhooks.js';
import { presentPage } from '../../lib/present-page.js';
import { serveSignedIn } from '../../lib/signed-in-route.js';
import { presentDelivery, presentWebhook } from './webhooks.presenters.js';
import type { WebhooksService } from './webhooks.service.js';

export const webhooksRoutes: FastifyPluginAsync<{ webhooks: WebhooksService }> = async (
  app,
  { webhooks },
) => {
  serveSignedIn(app, endpoints.create, async (request, { user }) => {
    const created = await webhooks.create(user.id, request.body);
    return { ...presentWebhook(created), secret: created.secret };
  });

  serveSignedIn(app, endpoints.list, async (request, { user }) =>
    presentPage(await webhooks.list(user.id, request.query), presentWebhook),
  );

  serveSignedIn(app, endpoints.get, async (request, { user }) =>
    presentWebhook(await webhooks.get(user.id, request.params.id)),
  );

  serveSignedIn(app, endpoints.delete, async (request, { user }) => {
    await webhooks.delete(user.id, request.params.id);
    return { ok: true as const };
  });

  serveSignedIn(app, endpoints.test, async (request, { user }) =>
    presentDelivery(await webhooks.ping(user.id, request.params.id)),
  );

  serveSignedIn(app, endpoints.deliveries, async ({ params, query }, { user }) =>
    presentPage(await webhooks.deliveries(user.id, params.id, query), presentDelivery),
  );
};
