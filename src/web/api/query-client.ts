import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { markSessionExpired } from '../lib/session-expiry.js';
import { accountKeys } from './accounts.js';
import { isApiError } from './client.js';

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
  const queryClient: QueryClient = new QueryClient({
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
