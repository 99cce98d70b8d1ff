import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { EndpointResult } from '../../shared/api/endpoint.js';
import {
  payoutMethodEndpoints as endpoints,
  type PayoutMethodBody,
} from '../../shared/api/payout-methods.js';
import { call } from './endpoints.js';

export const payoutMethodKeys = {
  mine: () => ['me', 'payout-method'] as const,
};

/** Where the signed-in worker's payouts go; `payoutMethod` is null until they set one. */
export function usePayoutMethod(enabled = true) {
  return useQuery({
    queryKey: payoutMethodKeys.mine(),
    queryFn: ({ signal }) => call(endpoints.get, {}, { signal }),
    enabled,
  });
}

/** Setting or forgetting the method: the answer is the method as it now is. */
function usePayoutMethodChange<Variables>(
  change: (variables: Variables) => Promise<EndpointResult<typeof endpoints.get>>,
) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: change,
    onSuccess: (result) => queryClient.setQueryData(payoutMethodKeys.mine(), result),
  });
}

export function useSetPayoutMethod() {
  return usePayoutMethodChange((body: PayoutMethodBody) => call(endpoints.set, { body }));
}

export function useRemovePayoutMethod() {
  return usePayoutMethodChange(() => call(endpoints.remove));
}
