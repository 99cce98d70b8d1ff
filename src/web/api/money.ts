import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { pageOf } from '../../shared/api/common.js';
import { balanceSchema, depositResultSchema, ledgerEntrySchema } from '../../shared/api/money.js';
import { api } from './client.js';

export const balanceQueryKey = ['me', 'balance'] as const;
export const ledgerQueryKey = ['me', 'ledger'] as const;

const ledgerPage = pageOf(ledgerEntrySchema);

export function useBalance() {
  return useQuery({
    queryKey: balanceQueryKey,
    queryFn: ({ signal }) => api.get('me/balance', balanceSchema, undefined, signal),
  });
}

export function useLedger() {
  return useInfiniteQuery({
    queryKey: ledgerQueryKey,
    queryFn: ({ pageParam, signal }) =>
      api.get('me/ledger', ledgerPage, { limit: 20, cursor: pageParam }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
}

/** Sandbox test credit; only offered when the balance says `sandboxDeposits`. */
export function useDeposit() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (amountCents: number) =>
      api.post('me/deposits', depositResultSchema, { amountCents }),
    onSuccess: (result) => {
      queryClient.setQueryData(balanceQueryKey, result.balance);
      void queryClient.invalidateQueries({ queryKey: ledgerQueryKey });
    },
  });
}
