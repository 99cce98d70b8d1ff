import type { FastifyPluginAsync } from 'fastify';
import { notificationEndpoints as endpoints } from '../../../shared/api/notifications.js';
import { serveSignedIn } from '../../lib/signed-in-route.js';
import { presentNotification } from './notifications.presenters.js';
import type { NotificationsService } from './notifications.service.js';

export const notificationsRoutes: FastifyPluginAsync<{
  notifications: NotificationsService;
}> = async (app, { notifications }) => {
  serveSignedIn(app, endpoints.list, async (request, { user }) => {
    const { unread, limit, cursor } = request.query;
    const page = await notifications.list(user.id, {
      unreadOnly: unread,
      limit,
      cursor,
    });
    return { ...page, items: page.items.map(presentNotification) };
  });

  serveSignedIn(app, endpoints.unreadCount, async (_request, { user }) => ({
    unreadCount: await notifications.unreadCount(user.id),
  }));

  serveSignedIn(app, endpoints.markUnread, async (request, { user }) =>
    notifications.markUnread(user.id, request.body.ids),
  );

  serveSignedIn(app, endpoints.markRead, async (request, { user }) =>
    notifications.markRead(user.id, request.body.ids ?? 'all'),
  );
};
