import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { myPayoutMethodSchema, type PayoutMethodBody } from '../../shared/api/payout-methods.js';
import { api } from './client.js';

export const payoutMethodKey = ['me', 'payout-method'] as const;

/** Where the signed-in worker's payouts go; `payoutMethod` is null until they set one. */
export function usePayoutMethod(enabled = true) {
  return useQuery({
    queryKey: payoutMethodKey,
    queryFn: ({ signal }) => api.get('me/payout-method', myPayoutMethodSchema, undefined, signal),
    enabled,
  });
}

export function useSetPayoutMethod() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: PayoutMethodBody) => api.put('me/payout-method', myPayoutMethodSchema, body),
    onSuccess: (result) => queryClient.setQueryData(payoutMethodKey, result),
  });
}

export function useRemovePayoutMethod() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.delete('me/payout-method', myPayoutMethodSchema),
    onSuccess: (result) => queryClient.setQueryData(payoutMethodKey, result),
  });
}
