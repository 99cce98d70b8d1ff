import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import {
  appealEndpoints as endpoints,
  type AppealStatus,
  type DecideBody,
} from '../../shared/api/appeals.js';
import { earningsKeys } from './earnings.js';
import { balanceQueryKey, ledgerQueryKey } from './money.js';
import { reviewKeys } from './review.js';
import { spendingQueryKey } from './spending.js';
import { call } from './endpoints.js';
import { workKeys } from './work.js';

/** Every appeal query: an `appeal.updated` live event invalidates them all. */
export const appealKeys = {
  all: ['appeals'] as const,
  project: (projectId: string, status: AppealStatus | undefined) =>
    [...appealKeys.all, 'project', projectId, status ?? 'all'] as const,
  mine: () => [...appealKeys.all, 'mine'] as const,
};

/** A project's appeals (newest first, one page) and how many are still open. */
export function useProjectAppeals(projectId: string, status?: AppealStatus) {
  return useQuery({
    queryKey: appealKeys.project(projectId, status),
    queryFn: ({ signal }) =>
      call(
        endpoints.project,
        { params: { id: projectId }, query: { limit: 100, ...(status ? { status } : {}) } },
        { signal },
      ),
  });
}

/** The worker's appeals, newest first (one page). */
export function useMyAppeals() {
  return useQuery({
    queryKey: appealKeys.mine(),
    queryFn: ({ signal }) => call(endpoints.mine, { query: { limit: 100 } }, { signal }),
  });
}

function refreshAfterAppeal(queryClient: QueryClient) {
  return Promise.all(
    [
      appealKeys.all,
      workKeys.mine(),
      workKeys.all,
      earningsKeys.all,
      reviewKeys.all,
      balanceQueryKey,
      ledgerQueryKey,
      spendingQueryKey,
    ].map((queryKey) => queryClient.invalidateQueries({ queryKey })),
  );
}

export function useAppeal() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ assignmentId, message }: { assignmentId: string; message: string }) =>
      call(endpoints.appeal, { params: { id: assignmentId }, body: { message } }),
    onSettled: () => refreshAfterAppeal(queryClient),
  });
}

export function useDecideAppeal() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ appealId, body }: { appealId: string; body: DecideBody }) =>
      call(endpoints.decide, { params: { id: appealId }, body }),
    onSettled: () => refreshAfterAppeal(queryClient),
  });
}
