import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { earningsEndpoints as endpoints } from '../../shared/api/earnings.js';
import { call, useCursorList } from './endpoints.js';

const PAGE_SIZE = 20;
/** The chart's window, in UTC days (today included). */
export const CHART_DAYS = 30;

/**
 * Every query of the worker's money views. Anything that changes earnings (a review, a bonus, a
 * payout being marked paid) invalidates `earningsKeys.all`; live events hook in here.
 */
export const earningsKeys = {
  all: ['me', 'earnings'] as const,
  summary: () => [...earningsKeys.all, 'summary'] as const,
  daily: (days: number) => [...earningsKeys.all, 'daily', days] as const,
  projects: () => [...earningsKeys.all, 'projects'] as const,
  payouts: () => [...earningsKeys.all, 'payouts'] as const,
};

export function useEarnings() {
  return useQuery({
    queryKey: earningsKeys.summary(),
    queryFn: ({ signal }) => call(endpoints.summary, {}, { signal }),
    staleTime: 0,
  });
}

export function useDailyEarnings(days = CHART_DAYS) {
  return useQuery({
    queryKey: earningsKeys.daily(days),
    queryFn: ({ signal }) => call(endpoints.daily, { query: { days } }, { signal }),
    staleTime: 0,
  });
}

export function useProjectEarnings() {
  return useCursorList(endpoints.perProject, {
    queryKey: earningsKeys.projects(),
    query: { limit: PAGE_SIZE },
    staleTime: 0,
  });
}

export function useMyPayouts() {
  return useCursorList(endpoints.myPayouts, {
    queryKey: earningsKeys.payouts(),
    query: { limit: PAGE_SIZE },
    staleTime: 0,
  });
}

/** All available earnings; whatever the answer, the figures on the page are asked for again. */
export function useRequestPayout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => call(endpoints.requestPayout, { body: {} }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: earningsKeys.all }),
  });
}
