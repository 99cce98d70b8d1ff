import { earningsEndpoints } from '../../shared/api/earnings.js';
import { LIMITS } from '../../shared/limits.js';
import { useCursorList } from './endpoints.js';

/** Every query of what a requester's projects cost. */
export const spendingKeys = {
  all: ['me', 'spending'] as const,
  list: (pageSize: number) => [...spendingKeys.all, pageSize] as const,
};
/** The key other areas (review, live events) invalidate when money moves. */
export const spendingQueryKey = spendingKeys.all;

/** What each of my projects cost, a page of projects at a time, with totals over all of them. */
export function useSpending(pageSize = 20) {
  return useCursorList(earningsEndpoints.spending, {
    queryKey: spendingKeys.list(pageSize),
    query: { limit: pageSize },
    // Publishing, reviews and sweeps all move this money: every visit asks again.
    staleTime: 0,
  });
}

/** The largest page, for views that look projects up by id rather than list them. */
export const SPENDING_LOOKUP_PAGE = LIMITS.pageSizeMax;
