import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { userSchema } from '../../shared/api/accounts.js';
import { pageOf } from '../../shared/api/common.js';
import {
  manualDepositResultSchema,
  manualDepositSchema,
  type ManualDepositBody,
} from '../../shared/api/money.js';
import { api } from './client.js';

const depositsKey = ['admin', 'deposits'] as const;
const depositPage = pageOf(manualDepositSchema);
const userPage = pageOf(userSchema);

/** Offline payments recorded so far, newest first. */
export function useManualDeposits() {
  return useInfiniteQuery({
    queryKey: depositsKey,
    queryFn: ({ pageParam, signal }) =>
      api.get('admin/deposits', depositPage, { limit: 20, cursor: pageParam }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
}

/** Requester accounts whose name, handle or email contains `q` (nothing until something is typed). */
export function useRequesterSearch(q: string) {
  const query = q.trim();
  return useQuery({
    queryKey: ['admin', 'users', { q: query, role: 'requester' }],
    queryFn: ({ signal }) =>
      api.get('admin/users', userPage, { q: query, role: 'requester', limit: 10 }, signal),
    enabled: query.length > 0,
    placeholderData: (previous) => previous,
  });
}

/**
 * Records one offline payment. The caller makes the Idempotency-Key when the administrator
 * confirms, so a double click or a retry after a lost answer records the payment once.
 */
export function useRecordDeposit() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: ManualDepositBody; idempotencyKey: string }) =>
      api.post('admin/deposits', manualDepositResultSchema, body, {
        'idempotency-key': idempotencyKey,
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: depositsKey }),
  });
}
