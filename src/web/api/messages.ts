import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { messageEndpoints as endpoints, type SendMessageBody } from '../../shared/api/messages.js';
import { call, useCursorList } from './endpoints.js';
import { UNREAD_POLL_MS } from './notifications.js';
import { useRefetchingMutation } from './refetching-mutation.js';

/** Every messages query, in one place: a `message.created` live event invalidates them all. */
export const messageKeys = {
  all: ['me', 'messages'] as const,
  unreadCount: () => [...messageKeys.all, 'unread-count'] as const,
  threads: () => [...messageKeys.all, 'threads'] as const,
  thread: (id: string) => [...messageKeys.all, 'thread', id] as const,
};

/** Unread messages across my threads: the nav's badge. */
export function useMessagesUnread() {
  return useQuery({
    queryKey: messageKeys.unreadCount(),
    queryFn: ({ signal }) => call(endpoints.unreadCount, {}, { signal }),
    refetchInterval: UNREAD_POLL_MS,
    staleTime: 0,
  });
}

export function useThreads() {
  return useCursorList(endpoints.threads, {
    queryKey: messageKeys.threads(),
    query: { limit: 30 },
    staleTime: 0,
  });
}

/**
 * One thread and its messages, newest first (older pages on demand). Reading it marks it read on
 * the server, so each load refreshes the thread list and the badge.
 */
export function useThread(id: string) {
  const queryClient = useQueryClient();
  const thread = useCursorList(endpoints.thread, {
    queryKey: messageKeys.thread(id),
    params: { id },
    query: { limit: 50 },
    staleTime: 0,
  });
  const loadedAt = thread.dataUpdatedAt;
  useEffect(() => {
    if (loadedAt === 0) return;
    void queryClient.invalidateQueries({ queryKey: messageKeys.threads() });
    void queryClient.invalidateQueries({ queryKey: messageKeys.unreadCount() });
  }, [loadedAt, queryClient]);
  return thread;
}

export function useSendMessage() {
  return useRefetchingMutation(
    (body: SendMessageBody) => call(endpoints.send, { body }),
    messageKeys.all,
  );
}

export function useBroadcast(projectId: string) {
  return useRefetchingMutation(
    (body: string) => call(endpoints.broadcast, { params: { id: projectId }, body: { body } }),
    messageKeys.all,
  );
}

export function useMuteThread(id: string) {
  return useRefetchingMutation(
    (muted: boolean) => call(endpoints.mute, { params: { id }, body: { muted } }),
    messageKeys.all,
  );
}
