import type { FastifyPluginAsync } from 'fastify';
import { notificationEndpoints as endpoints } from '../../../shared/api/notifications.js';
import { serveEndpoint } from '../../lib/endpoint-route.js';
import { requireUser } from '../../plugins/auth.js';
import { presentNotification } from './notifications.presenters.js';
import type { NotificationsService } from './notifications.service.js';

export const notificationsRoutes: FastifyPluginAsync<{
  notifications: NotificationsService;
}> = async (app, { notifications }) => {
  serveEndpoint(app, endpoints.list, async (request) => {
    const { unread, limit, cursor } = request.query;
    const page = await notifications.list(requireUser(request).user.id, {
      unreadOnly: unread,
      limit,
      cursor,
    });
    return { ...page, items: page.items.map(presentNotification) };
  });

  serveEndpoint(app, endpoints.unreadCount, async (request) => ({
    unreadCount: await notifications.unreadCount(requireUser(request).user.id),
  }));

  serveEndpoint(app, endpoints.markUnread, async (request) =>
    notifications.markUnread(requireUser(request).user.id, request.body.ids),
  );

  serveEndpoint(app, endpoints.markRead, async (request) =>
    notifications.markRead(requireUser(request).user.id, request.body.ids ?? 'all'),
  );
};
