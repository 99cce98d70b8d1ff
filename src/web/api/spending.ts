import { useInfiniteQuery } from '@tanstack/react-query';
import { spendingSchema } from '../../shared/api/earnings.js';
import { LIMITS } from '../../shared/limits.js';
import { api } from './client.js';

export const spendingQueryKey = ['me', 'spending'] as const;

/** What each of my projects cost, a page of projects at a time, with totals over all of them. */
export function useSpending(pageSize = 20) {
  return useInfiniteQuery({
    queryKey: [...spendingQueryKey, pageSize],
    queryFn: ({ pageParam, signal }) =>
      api.get('me/spending', spendingSchema, { limit: pageSize, cursor: pageParam }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
    // Publishing, reviews and sweeps all move this money: every visit asks again.
    staleTime: 0,
  });
}

/** The largest page, for views that look projects up by id rather than list them. */
export const SPENDING_LOOKUP_PAGE = LIMITS.pageSizeMax;
