import type { Notification } from '../../../shared/api/notifications.js';
import type { NotificationsService } from './notifications.service.js';

type Row = Awaited<ReturnType<NotificationsService['list']>>['items'][number];

export function presentNotification(row: Row): Notification {
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
