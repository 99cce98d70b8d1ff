import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { pageOf } from '../../shared/api/common.js';
import {
  dailyEarningsSchema,
  earningsSchema,
  payoutSchema,
  projectEarningsSchema,
} from '../../shared/api/earnings.js';
import { api } from './client.js';

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

const projectPage = pageOf(projectEarningsSchema);
const payoutPage = pageOf(payoutSchema);

export function useEarnings() {
  return useQuery({
    queryKey: earningsKeys.summary(),
    queryFn: ({ signal }) => api.get('me/earnings', earningsSchema, undefined, signal),
    staleTime: 0,
  });
}

export function useDailyEarnings(days = CHART_DAYS) {
  return useQuery({
    queryKey: earningsKeys.daily(days),
    queryFn: ({ signal }) => api.get('me/earnings/daily', dailyEarningsSchema, { days }, signal),
    staleTime: 0,
  });
}

export function useProjectEarnings() {
  return useInfiniteQuery({
    queryKey: earningsKeys.projects(),
    queryFn: ({ pageParam, signal }) =>
      api.get('me/earnings/projects', projectPage, { limit: PAGE_SIZE, cursor: pageParam }, signal),
    staleTime: 0,
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
}

export function useMyPayouts() {
  return useInfiniteQuery({
    queryKey: earningsKeys.payouts(),
    queryFn: ({ pageParam, signal }) =>
      api.get('me/payouts', payoutPage, { limit: PAGE_SIZE, cursor: pageParam }, signal),
    staleTime: 0,
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
}

/** All available earnings; whatever the answer, the figures on the page are asked for again. */
export function useRequestPayout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post('me/payouts', payoutSchema, {}),
    onSettled: () => queryClient.invalidateQueries({ queryKey: earningsKeys.all }),
  });
}
