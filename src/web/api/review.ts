import {
  keepPreviousData,
  useMutation,
  useQuery,
  useQueryClient,
  type QueryClient,
} from '@tanstack/react-query';
import {
  reviewEndpoints as endpoints,
  type Block,
  type BulkReviewBody,
} from '../../shared/api/review.js';
import type { AssignmentStatus } from '../../shared/api/work.js';
import { LIMITS } from '../../shared/limits.js';
import { call } from './endpoints.js';
import { balanceQueryKey, ledgerQueryKey } from './money.js';
import { projectsQueryKey } from './projects.js';
import { spendingQueryKey } from './spending.js';

export type ReviewFilter = {
  status: AssignmentStatus | undefined;
  batchId: string | undefined;
  workerId: string | undefined;
};

/** Every review query: a project's progress (a live event) invalidates `reviewKeys.project`. */
export const reviewKeys = {
  all: ['review'] as const,
  project: (projectId: string) => [...reviewKeys.all, projectId] as const,
  page: (
    projectId: string,
    filter: ReviewFilter,
    page: { cursor: string | undefined; pageSize: number },
  ) => [...reviewKeys.project(projectId), filter, page] as const,
  blocks: () => [...reviewKeys.all, 'blocks'] as const,
};
/** Blocks are few; past this many pages the list stops, rather than loop without end. */
const BLOCK_PAGES_MAX = 20;

/**
 * One page of a project's work, newest first, with counts by status and the server's time. The
 * review table pages back and forth by cursor, so this is one page rather than a growing list.
 */
export function useReviewList(
  projectId: string,
  filter: ReviewFilter,
  cursor: string | undefined,
  pageSize: number,
) {
  return useQuery({
    queryKey: reviewKeys.page(projectId, filter, { cursor, pageSize }),
    queryFn: ({ signal }) =>
      call(
        endpoints.list,
        { params: { id: projectId }, query: { ...filter, limit: pageSize, cursor } },
        { signal },
      ),
    staleTime: 0,
    placeholderData: keepPreviousData,
  });
}

/** Reviews move money and change a project's progress: everything that shows either reloads. */
function refreshAfterReview(queryClient: QueryClient, projectId: string) {
  return Promise.all(
    [
      reviewKeys.project(projectId),
      [...projectsQueryKey, 'one', projectId],
      [...projectsQueryKey, 'list'],
      balanceQueryKey,
      ledgerQueryKey,
      spendingQueryKey,
    ].map((queryKey) => queryClient.invalidateQueries({ queryKey })),
  );
}

export type ReviewDecision =
  | { action: 'approve'; assignmentId: string }
  | { action: 'reject'; assignmentId: string; reason: string };

/** Approves or rejects one submission; approving rejected work reverses the rejection. */
export function useReviewDecision(projectId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (decision: ReviewDecision) => {
      const params = { id: decision.assignmentId };
      return decision.action === 'reject'
        ? call(endpoints.reject, { params, body: { reason: decision.reason } })
        : call(endpoints.approve, { params, body: {} });
    },
    onSettled: () => refreshAfterReview(queryClient, projectId),
  });
}

export function useBulkReview(projectId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: BulkReviewBody) => call(endpoints.bulk, { params: { id: projectId }, body }),
    onSettled: () => refreshAfterReview(queryClient, projectId),
  });
}

export type BonusRequest = {
  assignmentId: string;
  amountCents: number;
  reason: string;
  /** One per dialog opening: a retried click pays once. */
  idempotencyKey: string;
};

export function useBonus(projectId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ assignmentId, amountCents, reason, idempotencyKey }: BonusRequest) =>
      call(
        endpoints.bonus,
        { params: { id: assignmentId }, body: { amountCents, reason } },
        { headers: { 'idempotency-key': idempotencyKey } },
      ),
    onSuccess: () => refreshAfterReview(queryClient, projectId),
  });
}

/** Every worker this requester has blocked (all pages: the review page looks workers up in it). */
export function useBlocks() {
  return useQuery({
    queryKey: reviewKeys.blocks(),
    queryFn: async ({ signal }) => {
      const blocks: Block[] = [];
      let cursor: string | undefined;
      for (let page = 0; page < BLOCK_PAGES_MAX; page += 1) {
        const result = await call(
          endpoints.blocks,
          { query: { limit: LIMITS.pageSizeMax, cursor } },
          { signal },
        );
        blocks.push(...result.items);
        if (!result.nextCursor) break;
        cursor = result.nextCursor;
      }
      return blocks;
    },
  });
}

export function useBlockWorker() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ workerId, reason }: { workerId: string; reason: string }) =>
      call(endpoints.block, { params: { workerId }, body: { reason } }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: reviewKeys.blocks() }),
  });
}

export function useUnblockWorker() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (workerId: string) => call(endpoints.unblock, { params: { workerId } }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: reviewKeys.blocks() }),
  });
}
