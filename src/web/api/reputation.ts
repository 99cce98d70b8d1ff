import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { reputationEndpoints as endpoints, type RateBody } from '../../shared/api/reputation.js';
import { call } from './endpoints.js';

export const reputationKeys = {
  of: (idOrHandle: string) => ['users', idOrHandle, 'reputation'] as const,
  myRating: (userId: string) => ['ratings', userId] as const,
};

/** A user's reputation in each role they hold, computed from the record. */
export function useReputation(idOrHandle: string) {
  return useQuery({
    queryKey: reputationKeys.of(idOrHandle),
    queryFn: ({ signal }) => call(endpoints.reputation, { params: { idOrHandle } }, { signal }),
  });
}

/** My current rating of a user (private to me). */
export function useMyRating(userId: string, enabled = true) {
  return useQuery({
    queryKey: reputationKeys.myRating(userId),
    queryFn: ({ signal }) => call(endpoints.myRating, { params: { userId } }, { signal }),
    enabled,
  });
}

/** Rates the other side of a decided assignment; replaces my earlier rating of them. */
export function useRate(userId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: RateBody) => call(endpoints.rate, { params: { userId }, body }),
    onSuccess: (rating) => {
      client.setQueryData(reputationKeys.myRating(userId), rating);
      void client.invalidateQueries({ queryKey: reputationKeys.of(userId) });
    },
  });
}
