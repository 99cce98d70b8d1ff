import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { assignmentEndpoints } from '../../shared/api/assignments.js';
import type { GoldFeedback } from '../../shared/api/quality.js';
import {
  workEndpoints as endpoints,
  type AssignmentDetail,
  type AssignmentStatus,
  type FEED_SORTS,
} from '../../shared/api/work.js';
import { call, useCursorList } from './endpoints.js';

export type FeedSort = (typeof FEED_SORTS)[number];
export type Answers = Record<string, unknown>;
export type FeedFilter = { q: string; sort: FeedSort; minHourlyCents?: number | undefined };

const PAGE_SIZE = 20;
// Work changes under the worker's feet (other workers take tasks, requesters review): every
// visit to a page asks again, showing what is cached meanwhile.
const staleTime = 0;

/**
 * The worker's view of the marketplace: anything that changes what they hold refreshes these
 * (live events too, through api/live-refresh.ts).
 */
export const workKeys = {
  all: ['work'] as const,
  feeds: () => [...workKeys.all, 'feed'] as const,
  feed: (filter: FeedFilter) => [...workKeys.feeds(), filter] as const,
  previews: () => [...workKeys.all, 'preview'] as const,
  preview: (projectId: string) => [...workKeys.previews(), projectId] as const,
  mine: () => [...workKeys.all, 'mine'] as const,
  myList: (status: AssignmentStatus) => [...workKeys.mine(), status] as const,
  myTotals: () => [...workKeys.mine(), 'totals'] as const,
  assignment: (id: string) => [...workKeys.all, 'assignment', id] as const,
};

export function useFeed(filter: FeedFilter) {
  return useCursorList(endpoints.feed, {
    queryKey: workKeys.feed(filter),
    query: {
      q: filter.q.trim(),
      sort: filter.sort,
      minHourlyCents: filter.minHourlyCents,
      limit: PAGE_SIZE,
    },
    staleTime,
    // While a new search loads, the last results stay on screen instead of a spinner.
    keepPrevious: true,
  });
}

/** A project and a filled sample of its next task; reserves nothing. */
export function useWorkPreview(projectId: string) {
  return useQuery({
    queryKey: workKeys.preview(projectId),
    staleTime,
    queryFn: ({ signal }) => call(endpoints.preview, { params: { id: projectId } }, { signal }),
  });
}

export function useAssignment(assignmentId: string) {
  return useQuery({
    queryKey: workKeys.assignment(assignmentId),
    staleTime,
    queryFn: ({ signal }) =>
      call(assignmentEndpoints.get, { params: { id: assignmentId } }, { signal }),
  });
}

export function useMyAssignments(status: AssignmentStatus) {
  return useCursorList(endpoints.mine, {
    queryKey: workKeys.myList(status),
    query: { status, limit: PAGE_SIZE },
    staleTime,
  });
}

/** Pending and approved pay and the count of each status, whatever tab is open. */
export function useMyWorkTotals() {
  return useQuery({
    queryKey: workKeys.myTotals(),
    staleTime,
    queryFn: async ({ signal }) =>
      (await call(endpoints.mine, { query: { limit: 1 } }, { signal })).totals,
  });
}

/** Stores what the server answered and marks the lists that show it as out of date. */
function useRememberAssignment() {
  const queryClient = useQueryClient();
  return async (assignment: AssignmentDetail) => {
    queryClient.setQueryData(workKeys.assignment(assignment.id), assignment);
    await Promise.all(
      [workKeys.feeds(), workKeys.previews(), workKeys.mine()].map((queryKey) =>
        queryClient.invalidateQueries({ queryKey }),
      ),
    );
  };
}

/** Accepts the next task of a project (409 `no_task_available` when there is none). */
export function useAcceptTask() {
  const remember = useRememberAssignment();
  return useMutation({
    mutationFn: (projectId: string) => call(endpoints.accept, { params: { id: projectId } }),
    onSuccess: remember,
  });
}

export function useSubmitAnswers(
  assignmentId: string,
  /** Told before the submitted assignment is stored, so the page shows it with the feedback. */
  onGoldFeedback: (feedback: GoldFeedback) => void = () => undefined,
) {
  const remember = useRememberAssignment();
  return useMutation({
    mutationFn: (body: { answers: Answers; activeSeconds?: number; feedback?: string }) =>
      call(endpoints.submit, { params: { id: assignmentId }, body }),
    // The cache keeps the assignment; the gold feedback is shown once, by the page that submitted.
    onSuccess: ({ goldFeedback, ...assignment }) => {
      if (goldFeedback) onGoldFeedback(goldFeedback);
      return remember(assignment);
    },
  });
}

export function useReturnAssignment(assignmentId: string) {
  const remember = useRememberAssignment();
  return useMutation({
    mutationFn: () => call(endpoints.return, { params: { id: assignmentId } }),
    onSuccess: remember,
  });
}

/** Reloads one assignment, e.g. when its deadline passes while the page is open. */
export function useRefreshAssignment() {
  const queryClient = useQueryClient();
  return (assignmentId: string) =>
    queryClient.invalidateQueries({ queryKey: workKeys.assignment(assignmentId) });
}
