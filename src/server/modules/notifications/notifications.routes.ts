import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  markReadBodySchema,
  markReadResultSchema,
  markUnreadBodySchema,
  notificationListQuerySchema,
  notificationPageSchema,
  unreadCountSchema,
  type Notification,
} from '../../../shared/api/notifications.js';
import { requireUser } from '../../plugins/auth.js';
import type { NotificationsService } from './notifications.service.js';

type Row = Awaited<ReturnType<NotificationsService['list']>>['items'][number];

function present(row: Row): Notification {
  return {
    id: row.id,
    kind: row.kind,
    title: row.title,
    body: row.body,
    link: row.link,
    readAt: row.read_at?.toISOString() ?? null,
    createdAt: row.created_at.toISOString(),
  };
}

export const notificationsRoutes: FastifyPluginAsyncZod<{
  notifications: NotificationsService;
}> = async (app, { notifications }) => {
  const tags = ['notifications'];
  const config = { auth: { scope: 'profile' } } as const;

  app.get(
    '/me/notifications',
    {
      config,
      schema: {
        tags,
        summary: 'My notifications, newest first, and how many are unread',
        querystring: notificationListQuerySchema,
        response: { 200: notificationPageSchema },
      },
    },
    async (request) => {
      const { unread, limit, cursor } = request.query;
      const page = await notifications.list(requireUser(request).user.id, {
        unreadOnly: unread,
        limit,
        cursor,
      });
      return { ...page, items: page.items.map(present) };
    },
  );

  app.get(
    '/me/notifications/unread-count',
    {
      config,
      schema: {
        tags,
        summary: 'How many of my notifications are unread (for a badge; cheap to poll)',
        response: { 200: unreadCountSchema },
      },
    },
    async (request) => ({
      unreadCount: await notifications.unreadCount(requireUser(request).user.id),
    }),
  );

  app.post(
    '/me/notifications/unread',
    {
      config,
      schema: {
        tags,
        summary: 'Mark some of my notifications unread again',
        body: markUnreadBodySchema,
        response: { 200: markReadResultSchema },
      },
    },
    async (request) => notifications.markUnread(requireUser(request).user.id, request.body.ids),
  );

  app.post(
    '/me/notifications/read',
    {
      config,
      schema: {
        tags,
        summary: 'Mark some of my notifications (or all) read',
        body: markReadBodySchema,
        response: { 200: markReadResultSchema },
      },
    },
    async (request) =>
      notifications.markRead(requireUser(request).user.id, request.body.ids ?? 'all'),
  );
};
