import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { pageOf } from '../../shared/api/common.js';
import type { PAYOUT_STATUSES } from '../../shared/api/earnings.js';
import { adminPayoutSchema, payoutSchema } from '../../shared/api/earnings.js';
import { api } from './client.js';

export type PayoutStatus = (typeof PAYOUT_STATUSES)[number];

export const adminPayoutKeys = {
  all: ['admin', 'payouts'] as const,
  list: (status: PayoutStatus | undefined) => [...adminPayoutKeys.all, { status }] as const,
};

const payoutPage = pageOf(adminPayoutSchema);
const id = (value: string) => encodeURIComponent(value);

export function useAdminPayouts(status: PayoutStatus | undefined) {
  return useInfiniteQuery({
    queryKey: adminPayoutKeys.list(status),
    queryFn: ({ pageParam, signal }) =>
      api.get('admin/payouts', payoutPage, { status, limit: 20, cursor: pageParam }, signal),
    staleTime: 0,
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
}

/** Records that the money was sent through the manual provider, with its reference. */
export function useMarkPayoutPaid() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ payoutId, reference }: { payoutId: string; reference: string }) =>
      api.post(`admin/payouts/${id(payoutId)}/mark-paid`, payoutSchema, { reference }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: adminPayoutKeys.all }),
  });
}

/** Cancels a payout not yet paid: its money returns to the worker's earnings. */
export function useCancelPayout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ payoutId, reason }: { payoutId: string; reason: string }) =>
      api.post(
        `admin/payouts/${id(payoutId)}/cancel`,
        payoutSchema,
        reason.trim() ? { reason: reason.trim() } : {},
      ),
    onSettled: () => queryClient.invalidateQueries({ queryKey: adminPayoutKeys.all }),
  });
}
