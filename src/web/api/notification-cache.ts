import type { InfiniteData } from '@tanstack/react-query';
import type { NotificationPage } from '../../shared/api/notifications.js';

export type NotificationPages = InfiniteData<NotificationPage, string | undefined>;

/**
 * A cached list with some notifications (or all) marked read or unread, so the page changes
 * the moment the server has agreed, before the list is fetched again. In a list of unread ones
 * only, a notification marked read leaves the list.
 */
export function withReadState(
  data: NotificationPages | undefined,
  change: { ids: string[] | 'all'; readAt: string | null; unreadOnly: boolean },
): NotificationPages | undefined {
  if (!data) return data;
  const affects = (id: string) => change.ids === 'all' || change.ids.includes(id);
  return {
    ...data,
    pages: data.pages.map((page) => ({
      ...page,
      items: page.items
        .map((item) =>
          affects(item.id) && (item.readAt === null) !== (change.readAt === null)
            ? { ...item, readAt: change.readAt }
            : item,
        )
        .filter((item) => !(change.unreadOnly && item.readAt !== null)),
    })),
  };
}
