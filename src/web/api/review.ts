import {
  keepPreviousData,
  useMutation,
  useQuery,
  useQueryClient,
  type QueryClient,
} from '@tanstack/react-query';
import { okSchema, pageOf } from '../../shared/api/common.js';
import {
  blockSchema,
  bonusSchema,
  bulkReviewResultSchema,
  reviewAssignmentSchema,
  reviewListSchema,
  type Block,
  type BulkReviewBody,
} from '../../shared/api/review.js';
import type { AssignmentStatus } from '../../shared/api/work.js';
import { LIMITS } from '../../shared/limits.js';
import { api } from './client.js';
import { balanceQueryKey, ledgerQueryKey } from './money.js';
import { projectsQueryKey } from './projects.js';
import { spendingQueryKey } from './spending.js';

export type ReviewFilter = {
  status: AssignmentStatus | undefined;
  batchId: string | undefined;
  workerId: string | undefined;
};

export const reviewKey = (projectId: string) => ['review', projectId] as const;
const blocksKey = ['review', 'blocks'] as const;
/** Blocks are few; past this many pages the list stops, rather than loop without end. */
const BLOCK_PAGES_MAX = 20;

const id = (value: string) => encodeURIComponent(value);

/** One page of a project's work, newest first, with counts by status and the server's time. */
export function useReviewList(
  projectId: string,
  filter: ReviewFilter,
  cursor: string | undefined,
  pageSize: number,
) {
  return useQuery({
    queryKey: [...reviewKey(projectId), filter, { cursor, pageSize }],
    queryFn: ({ signal }) =>
      api.get(
        `projects/${id(projectId)}/assignments`,
        reviewListSchema,
        { ...filter, limit: pageSize, cursor },
        signal,
      ),
    staleTime: 0,
    placeholderData: keepPreviousData,
  });
}

/** Reviews move money and change a project's progress: everything that shows either reloads. */
function refreshAfterReview(queryClient: QueryClient, projectId: string) {
  return Promise.all(
    [
      reviewKey(projectId),
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
    mutationFn: (decision: ReviewDecision) =>
      api.post(
        `assignments/${id(decision.assignmentId)}/${decision.action}`,
        reviewAssignmentSchema,
        decision.action === 'reject' ? { reason: decision.reason } : {},
      ),
    onSettled: () => refreshAfterReview(queryClient, projectId),
  });
}

export function useBulkReview(projectId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: BulkReviewBody) =>
      api.post(`projects/${id(projectId)}/review`, bulkReviewResultSchema, body),
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
      api.post(
        `assignments/${id(assignmentId)}/bonus`,
        bonusSchema,
        { amountCents, reason },
        { 'idempotency-key': idempotencyKey },
      ),
    onSuccess: () => refreshAfterReview(queryClient, projectId),
  });
}

const blockPage = pageOf(blockSchema);

/** Every worker this requester has blocked. */
export function useBlocks() {
  return useQuery({
    queryKey: blocksKey,
    queryFn: async ({ signal }) => {
      const blocks: Block[] = [];
      let cursor: string | undefined;
      for (let page = 0; page < BLOCK_PAGES_MAX; page += 1) {
        const result = await api.get(
          'blocks',
          blockPage,
          { limit: LIMITS.pageSizeMax, cursor },
          signal,
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
      api.put(`blocks/${id(workerId)}`, blockSchema, { reason }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: blocksKey }),
  });
}

export function useUnblockWorker() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (workerId: string) => api.delete(`blocks/${id(workerId)}`, okSchema),
    onSettled: () => queryClient.invalidateQueries({ queryKey: blocksKey }),
  });
}
