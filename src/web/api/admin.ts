import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { userSchema } from '../../shared/api/accounts.js';
import { pageOf } from '../../shared/api/common.js';
import { api } from './client.js';

const userPage = pageOf(userSchema);
export type UserStatusFilter = 'active' | 'suspended' | undefined;

const adminUsersKey = ['admin', 'users'] as const;

export function useAdminUsers(filter: { q: string; status: UserStatusFilter }) {
  return useInfiniteQuery({
    queryKey: [...adminUsersKey, filter],
    queryFn: ({ pageParam, signal }) =>
      api.get(
        'admin/users',
        userPage,
        { q: filter.q.trim(), status: filter.status, limit: 20, cursor: pageParam },
        signal,
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
}

export function useSetUserStatus() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, action }: { id: string; action: 'suspend' | 'reinstate' }) =>
      api.post(`admin/users/${encodeURIComponent(id)}/${action}`, userSchema),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: adminUsersKey }),
  });
}
