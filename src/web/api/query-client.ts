import {
  MutationCache,
  QueryCache,
  QueryClient,
  type InvalidateOptions,
  type InvalidateQueryFilters,
  type QueryKey,
} from '@tanstack/react-query';
import { markSessionExpired } from '../lib/session-expiry.js';
import { accountKeys } from './accounts.js';
import { isApiError } from './client.js';

/**
 * TanStack Query lets an invalidation join a first load already in flight (a query with no data
 * yet) instead of fetching again, so a load that began before a change had the last word: a batch
 * uploaded while the Data tab was still loading never showed in its list. Such loads are cancelled
 * first here, and the invalidation fetches afresh. (A query with data is refetched anyway.)
 */
class InvalidationFetchesAfresh extends QueryClient {
  override async invalidateQueries<TTaggedQueryKey extends QueryKey = QueryKey>(
    filters?: InvalidateQueryFilters<TTaggedQueryKey>,
    options?: InvalidateOptions,
  ): Promise<void> {
    const firstLoads = this.getQueryCache()
      .findAll({ ...filters, fetchStatus: 'fetching' })
      .filter((query) => query.state.data === undefined);
    if (firstLoads.length) await Promise.all(firstLoads.map((q) => q.cancel({ revert: true })));
    return super.invalidateQueries(filters, options);
  }
}

/**
 * One client for the app. A 401 from any call means the session has ended: forgetting the
 * signed-in user sends every protected page to the sign-in page, which tells a user who was
 * signed in that their session expired.
 */
export function createQueryClient(): QueryClient {
  const onError = (error: unknown) => {
    if (!isApiError(error, 401)) return;
    if (queryClient.getQueryData(accountKeys.me)) markSessionExpired();
    queryClient.setQueryData(accountKeys.me, null);
  };
  const queryClient: QueryClient = new InvalidationFetchesAfresh({
    queryCache: new QueryCache({ onError }),
    mutationCache: new MutationCache({ onError }),
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        refetchOnWindowFocus: false,
        // Answers in the 4xx range will not change by asking again.
        retry: (failures, error) =>
          !(isApiError(error) && error.status >= 400 && error.status < 500) && failures < 2,
      },
      mutations: { retry: false },
    },
  });
  return queryClient;
}
