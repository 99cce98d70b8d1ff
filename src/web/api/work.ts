import {
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import {
  assignmentDetailSchema,
  feedPageSchema,
  myAssignmentsSchema,
  workPreviewSchema,
  type AssignmentDetail,
  type AssignmentStatus,
  type FEED_SORTS,
} from '../../shared/api/work.js';
import { api } from './client.js';

export type FeedSort = (typeof FEED_SORTS)[number];
export type Answers = Record<string, unknown>;

const PAGE_SIZE = 20;
// Work changes under the worker's feet (other workers take tasks, requesters review): every
// visit to a page asks again, showing what is cached meanwhile.
const staleTime = 0;

// The worker's view of the marketplace: anything that changes what they hold refreshes these
// (live events too, through api/live.ts).
export const feedKey = ['work', 'feed'] as const;
export const previewKey = ['work', 'preview'] as const;
export const myAssignmentsKey = ['work', 'mine'] as const;
export const assignmentKey = (id: string) => ['work', 'assignment', id] as const;

const id = (value: string) => encodeURIComponent(value);

export function useFeed(filter: {
  q: string;
  sort: FeedSort;
  minHourlyCents?: number | undefined;
}) {
  return useInfiniteQuery({
    queryKey: [...feedKey, filter],
    queryFn: ({ pageParam, signal }) =>
      api.get(
        'feed',
        feedPageSchema,
        {
          q: filter.q.trim(),
          sort: filter.sort,
          minHourlyCents: filter.minHourlyCents,
          limit: PAGE_SIZE,
          cursor: pageParam,
        },
        signal,
      ),
    staleTime,
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
    // While a new search loads, the last results stay on screen instead of a spinner.
    placeholderData: keepPreviousData,
  });
}

/** A project and a filled sample of its next task; reserves nothing. */
export function useWorkPreview(projectId: string) {
  return useQuery({
    queryKey: [...previewKey, projectId],
    staleTime,
    queryFn: ({ signal }) => api.get(`feed/${id(projectId)}`, workPreviewSchema, undefined, signal),
  });
}

export function useAssignment(assignmentId: string) {
  return useQuery({
    queryKey: assignmentKey(assignmentId),
    staleTime,
    queryFn: ({ signal }) =>
      api.get(`assignments/${id(assignmentId)}`, assignmentDetailSchema, undefined, signal),
  });
}

export function useMyAssignments(status: AssignmentStatus) {
  return useInfiniteQuery({
    queryKey: [...myAssignmentsKey, status],
    queryFn: ({ pageParam, signal }) =>
      api.get(
        'me/assignments',
        myAssignmentsSchema,
        { status, limit: PAGE_SIZE, cursor: pageParam },
        signal,
      ),
    staleTime,
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
}

/** Pending and approved pay and the count of each status, whatever tab is open. */
export function useMyWorkTotals() {
  return useQuery({
    queryKey: [...myAssignmentsKey, 'totals'],
    staleTime,
    queryFn: async ({ signal }) =>
      (await api.get('me/assignments', myAssignmentsSchema, { limit: 1 }, signal)).totals,
  });
}

/** Stores what the server answered and marks the lists that show it as out of date. */
function useRememberAssignment() {
  const queryClient = useQueryClient();
  return async (assignment: AssignmentDetail) => {
    queryClient.setQueryData(assignmentKey(assignment.id), assignment);
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: feedKey }),
      queryClient.invalidateQueries({ queryKey: previewKey }),
      queryClient.invalidateQueries({ queryKey: myAssignmentsKey }),
    ]);
  };
}

/** Accepts the next task of a project (409 `no_task_available` when there is none). */
export function useAcceptTask() {
  const remember = useRememberAssignment();
  return useMutation({
    mutationFn: (projectId: string) =>
      api.post(`projects/${id(projectId)}/assignments`, assignmentDetailSchema),
    onSuccess: remember,
  });
}

export function useSubmitAnswers(assignmentId: string) {
  const remember = useRememberAssignment();
  return useMutation({
    mutationFn: (answers: Answers) =>
      api.post(`assignments/${id(assignmentId)}/submit`, assignmentDetailSchema, { answers }),
    onSuccess: remember,
  });
}

export function useReturnAssignment(assignmentId: string) {
  const remember = useRememberAssignment();
  return useMutation({
    mutationFn: () => api.post(`assignments/${id(assignmentId)}/return`, assignmentDetailSchema),
    onSuccess: remember,
  });
}

/** Reloads one assignment, e.g. when its deadline passes while the page is open. */
export function useRefreshAssignment() {
  const queryClient = useQueryClient();
  return (assignmentId: string) =>
    queryClient.invalidateQueries({ queryKey: assignmentKey(assignmentId) });
}
