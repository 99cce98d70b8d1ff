import {
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
  type QueryClient,
} from '@tanstack/react-query';
import {
  markReadResultSchema,
  notificationPageSchema,
  unreadCountSchema,
} from '../../shared/api/notifications.js';
import { api } from './client.js';
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
    queryFn: ({ signal }) =>
      api.get('me/notifications/unread-count', unreadCountSchema, undefined, signal),
    refetchInterval: UNREAD_POLL_MS,
    staleTime: 0,
  });
}

export function useNotifications(filter: NotificationFilter) {
  return useInfiniteQuery({
    queryKey: notificationKeys.list(filter),
    queryFn: ({ pageParam, signal }) =>
      api.get(
        'me/notifications',
        notificationPageSchema,
        {
          unread: filter.unreadOnly ? 'true' : undefined,
          limit: filter.limit,
          cursor: pageParam,
        },
        signal,
      ),
    staleTime: 0,
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
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
      api.post(
        'me/notifications/read',
        markReadResultSchema,
        ids === 'all' ? { all: true } : { ids },
      ),
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
    mutationFn: (ids: string[]) =>
      api.post('me/notifications/unread', markReadResultSchema, { ids }),
    onSuccess: (result, ids) =>
      applyChange(queryClient, { ids, readAt: null, unreadCount: result.unreadCount }),
  });
}
