import { useQuery } from '@tanstack/react-query';
import { adminUserEndpoints } from '../../shared/api/accounts.js';
import {
  adminDepositEndpoints as endpoints,
  type ManualDepositBody,
} from '../../shared/api/money.js';
import { call, useCursorList } from './endpoints.js';
import { useRefetchingMutation } from './refetching-mutation.js';

export const adminDepositKeys = {
  all: ['admin', 'deposits'] as const,
  requesters: (q: string) => ['admin', 'users', { q, role: 'requester' }] as const,
};

/** Offline payments recorded so far, newest first. */
export function useManualDeposits() {
  return useCursorList(endpoints.list, { queryKey: adminDepositKeys.all, query: { limit: 20 } });
}

/** Requester accounts whose name, handle or email contains `q` (nothing until something is typed). */
export function useRequesterSearch(q: string) {
  const query = q.trim();
  return useQuery({
    queryKey: adminDepositKeys.requesters(query),
    queryFn: ({ signal }) =>
      call(
        adminUserEndpoints.list,
        { query: { q: query, role: 'requester', limit: 10 } },
        { signal },
      ),
    enabled: query.length > 0,
    placeholderData: (previous) => previous,
  });
}

/**
 * Records one offline payment. The caller makes the Idempotency-Key when the administrator
 * confirms, so a double click or a retry after a lost answer records the payment once.
 */
export function useRecordDeposit() {
  return useRefetchingMutation(
    ({ body, idempotencyKey }: { body: ManualDepositBody; idempotencyKey: string }) =>
      call(endpoints.record, { body }, { headers: { 'idempotency-key': idempotencyKey } }),
    adminDepositKeys.all,
  );
}
