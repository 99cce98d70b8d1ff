import { NOTIFICATION_LIMITS, type NotificationKind } from '../../../shared/api/notifications.js';
import { afterCommit } from '../../db/after-commit.js';
import type { Db } from '../../db/database.js';
import { fromCursor, pageFrom } from '../../db/pagination.js';
import type { Clock } from '../../lib/clock.js';
import type { LiveEventPublisher } from '../realtime/event-bus.js';
import { createNotificationsRepository } from './notifications.repository.js';

export type NewNotification = {
  userId: string;
  kind: NotificationKind;
  title: string;
  body?: string | undefined;
  /** A path inside the web app, e.g. `/work/<assignmentId>`. */
  link?: string | undefined;
};

/** Texts come partly from users (a rejection reason): cut, never refused, so a notice cannot fail the change it announces. */
function clip(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

/** Only paths of this app: a notification must never link a user off-site. */
function isAppPath(link: string): boolean {
  return /^\/(?![/\\])/.test(link) && link.length <= NOTIFICATION_LIMITS.linkMax;
}

export function createNotificationsService(deps: {
  db: Db;
  clock: Clock;
  /** Tells each owner's open clients, once the notification has committed. */
  events?: LiveEventPublisher;
}) {
  const repository = createNotificationsRepository(deps.db);
  const { clock } = deps;

  async function announce(trx: Db, ids: string[], notifications: NewNotification[]) {
    const { events } = deps;
    if (!events) return;
    await afterCommit(trx, () =>
      notifications.forEach((notification, i) => {
        // The insert returns one id per row, in order.
        const id = ids[i];
        if (id === undefined) return;
        events.publish(
          { type: 'notification.created', notificationId: id, kind: notification.kind },
          { userId: notification.userId },
        );
      }),
    );
  }

  function rowFor(notification: NewNotification, createdAt: Date) {
    if (notification.link !== undefined && !isAppPath(notification.link)) {
      throw new Error(`Notification link must be a path of this app, not ${notification.link}`);
    }
    return {
      user_id: notification.userId,
      kind: notification.kind,
      title: clip(notification.title, NOTIFICATION_LIMITS.titleMax),
      body: clip(notification.body ?? '', NOTIFICATION_LIMITS.bodyMax),
      link: notification.link ?? null,
      created_at: createdAt,
    };
  }

  return {
    /** Records a notification inside the caller's transaction: it exists only if the change commits. */
    async notify(trx: Db, notification: NewNotification): Promise<string> {
      const id = await repository.insertOne(trx, rowFor(notification, clock.now()));
      await announce(trx, [id], [notification]);
      return id;
    },

    /** Many at once (bulk review, sweeps): one statement. */
    async notifyMany(trx: Db, notifications: NewNotification[]): Promise<string[]> {
      const now = clock.now();
      const ids = await repository.insert(
        trx,
        notifications.map((n) => rowFor(n, now)),
      );
      await announce(trx, ids, notifications);
      return ids;
    },

    async list(
      userId: string,
      query: { unreadOnly?: boolean | undefined; limit: number; cursor?: string | undefined },
    ) {
      const rows = await repository.list(userId, {
        ...fromCursor(query),
        unreadOnly: query.unreadOnly ?? false,
      });
      return { ...pageFrom(rows, query.limit), unreadCount: await repository.unreadCount(userId) };
    },

    /** Another user's ids are ignored, like ids that do not exist: nothing about them is revealed. */
    async markRead(userId: string, ids: string[] | 'all') {
      const marked = await repository.markRead(userId, ids, clock.now());
      return { marked, unreadCount: await repository.unreadCount(userId) };
    },

    /** As markRead, the other way; another user's ids are ignored the same way. */
    async markUnread(userId: string, ids: string[]) {
      const marked = await repository.markUnread(userId, ids);
      return { marked, unreadCount: await repository.unreadCount(userId) };
    },

    unreadCount: (userId: string) => repository.unreadCount(userId),
  };
}

export type NotificationsService = ReturnType<typeof createNotificationsService>;
/** What other modules need to announce something. */
export type Notifier = Pick<NotificationsService, 'notify' | 'notifyMany'>;
