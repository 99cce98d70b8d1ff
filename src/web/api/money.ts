import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { moneyEndpoints as endpoints } from '../../shared/api/money.js';
import { call, useCursorList } from './endpoints.js';

/** Every query of a requester's funds: what publishing, reviews and deposits invalidate. */
export const moneyKeys = {
  balance: () => ['me', 'balance'] as const,
  ledger: () => ['me', 'ledger'] as const,
};
/** The balance and ledger keys under the names other areas (review, live events) import. */
export const balanceQueryKey = moneyKeys.balance();
export const ledgerQueryKey = moneyKeys.ledger();

export function useBalance() {
  return useQuery({
    queryKey: moneyKeys.balance(),
    queryFn: ({ signal }) => call(endpoints.balance, {}, { signal }),
  });
}

export function useLedger() {
  return useCursorList(endpoints.ledger, { queryKey: moneyKeys.ledger(), query: { limit: 20 } });
}

/** Sandbox test credit; only offered when the balance says `sandboxDeposits`. */
export function useDeposit() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (amountCents: number) => call(endpoints.deposit, { body: { amountCents } }),
    onSuccess: (result) => {
      queryClient.setQueryData(moneyKeys.balance(), result.balance);
      void queryClient.invalidateQueries({ queryKey: moneyKeys.ledger() });
    },
  });
}
