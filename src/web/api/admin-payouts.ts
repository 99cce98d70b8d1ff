import { useMutation, useQueryClient } from '@tanstack/react-query';
import { adminPayoutEndpoints as endpoints, type PayoutStatus } from '../../shared/api/earnings.js';
import { call, useCursorList } from './endpoints.js';

export type { PayoutStatus };

export const adminPayoutKeys = {
  all: ['admin', 'payouts'] as const,
  list: (status: PayoutStatus | undefined) => [...adminPayoutKeys.all, { status }] as const,
};

export function useAdminPayouts(status: PayoutStatus | undefined) {
  return useCursorList(endpoints.list, {
    queryKey: adminPayoutKeys.list(status),
    query: { status, limit: 20 },
    staleTime: 0,
  });
}

/** Any change to a payout: the admin lists are asked for again whatever the answer. */
function usePayoutChange<Variables>(change: (variables: Variables) => Promise<unknown>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: change,
    onSettled: () => queryClient.invalidateQueries({ queryKey: adminPayoutKeys.all }),
  });
}

/** Records that the money was sent through the manual provider, with its reference. */
export function useMarkPayoutPaid() {
  return usePayoutChange(({ payoutId, reference }: { payoutId: string; reference: string }) =>
    call(endpoints.markPaid, { params: { id: payoutId }, body: { reference } }),
  );
}

/** Cancels a payout not yet paid: its money returns to the worker's earnings. */
export function useCancelPayout() {
  return usePayoutChange(({ payoutId, reason }: { payoutId: string; reason: string }) =>
    call(endpoints.cancel, {
      params: { id: payoutId },
      body: reason.trim() ? { reason: reason.trim() } : {},
    }),
  );
}
