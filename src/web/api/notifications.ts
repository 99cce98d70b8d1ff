import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { notificationEndpoints as endpoints } from '../../shared/api/notifications.js';
import { call, useCursorList } from './endpoints.js';
import { withReadState, type NotificationPages } from './notification-cache.js';

/** How often the bell asks for the unread count; live events invalidate it sooner. */
export const UNREAD_POLL_MS = 60_000;

export type NotificationFilter = { unreadOnly: boolean; limit: number };

/**
 * Every notifications query, in one place: live events (and anything else that knows a
 * notification arrived) invalidate `notificationKeys.all`.
 */
export const notificationKeys = {
  all: ['me', 'notifications'] as const,
  unreadCount: () => [...notificationKeys.all, 'unread-count'] as const,
  lists: () => [...notificationKeys.all, 'list'] as const,
  list: (filter: NotificationFilter) => [...notificationKeys.lists(), filter] as const,
};

export function useUnreadCount() {
  return useQuery({
    queryKey: notificationKeys.unreadCount(),
    queryFn: ({ signal }) => call(endpoints.unreadCount, {}, { signal }),
    refetchInterval: UNREAD_POLL_MS,
    staleTime: 0,
  });
}

export function useNotifications(filter: NotificationFilter) {
  return useCursorList(endpoints.list, {
    queryKey: notificationKeys.list(filter),
    query: { unread: filter.unreadOnly ? 'true' : undefined, limit: filter.limit },
    staleTime: 0,
  });
}

function applyChange(
  queryClient: QueryClient,
  change: { ids: string[] | 'all'; readAt: string | null; unreadCount: number },
) {
  queryClient.setQueryData(notificationKeys.unreadCount(), { unreadCount: change.unreadCount });
  for (const [key] of queryClient.getQueriesData<NotificationPages>({
    queryKey: notificationKeys.lists(),
  })) {
    // notificationKeys.list puts the filter fourth in every list's key.
    const filter = key[3] as NotificationFilter | undefined;
    queryClient.setQueryData<NotificationPages>(key, (data) =>
      withReadState(data, { ...change, unreadOnly: filter?.unreadOnly ?? false }),
    );
  }
}

/** Marks the listed notifications read, or all of them. */
export function useMarkRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (ids: string[] | 'all') =>
      call(endpoints.markRead, { body: ids === 'all' ? { all: true } : { ids } }),
    onSuccess: (result, ids) =>
      applyChange(queryClient, {
        ids,
        readAt: new Date().toISOString(),
        unreadCount: result.unreadCount,
      }),
  });
}

export function useMarkUnread() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (ids: string[]) => call(endpoints.markUnread, { body: { ids } }),
    onSuccess: (result, ids) =>
      applyChange(queryClient, { ids, readAt: null, unreadCount: result.unreadCount }),
  });
}
