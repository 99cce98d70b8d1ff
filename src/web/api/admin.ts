import { adminUserEndpoints as endpoints, type UserStatus } from '../../shared/api/accounts.js';
import { call, useCursorList } from './endpoints.js';
import { useRefetchingMutation } from './refetching-mutation.js';

export type UserStatusFilter = UserStatus | undefined;
export type AdminUserFilter = { q: string; status: UserStatusFilter };

/** Every query of the admin's user list, in one place. */
export const adminUserKeys = {
  all: ['admin', 'users'] as const,
  list: (filter: AdminUserFilter) => [...adminUserKeys.all, filter] as const,
};

export function useAdminUsers(filter: AdminUserFilter) {
  return useCursorList(endpoints.list, {
    queryKey: adminUserKeys.list(filter),
    query: { q: filter.q.trim(), status: filter.status, limit: 20 },
  });
}

export function useSetUserStatus() {
  return useRefetchingMutation(
    ({ id, action }: { id: string; action: 'suspend' | 'reinstate' }) =>
      call(endpoints[action], { params: { id } }),
    adminUserKeys.all,
  );
}
