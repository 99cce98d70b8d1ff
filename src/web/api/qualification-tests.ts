import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { qualificationTestEndpoints as endpoints } from '../../shared/api/qualification-tests.js';
import { call, useCursorList } from './endpoints.js';
import { qualificationKeys } from './qualifications.js';
import { workKeys } from './work.js';

export const qualificationTestKeys = {
  all: ['qualification-tests'] as const,
  summary: (typeId: string) => [...qualificationTestKeys.all, 'summary', typeId] as const,
  attempt: (id: string) => [...qualificationTestKeys.all, 'attempt', id] as const,
  attempts: (typeId: string) => [...qualificationKeys.all, typeId, 'test-attempts'] as const,
};

/** A test before taking it, and where the worker stands (a fresh look on every visit). */
export function useTestSummary(typeId: string) {
  return useQuery({
    queryKey: qualificationTestKeys.summary(typeId),
    staleTime: 0,
    queryFn: ({ signal }) => call(endpoints.summary, { params: { id: typeId } }, { signal }),
  });
}

export function useTestAttempt(id: string | null) {
  return useQuery({
    queryKey: qualificationTestKeys.attempt(id ?? ''),
    queryFn: ({ signal }) => call(endpoints.attempt, { params: { id: id ?? '' } }, { signal }),
    enabled: id !== null,
  });
}

export function useStartTest(typeId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => call(endpoints.start, { params: { id: typeId } }),
    onSuccess: (attempt) => {
      queryClient.setQueryData(qualificationTestKeys.attempt(attempt.id), attempt);
      return queryClient.invalidateQueries({ queryKey: qualificationTestKeys.summary(typeId) });
    },
  });
}

/** A pass grants a qualification, which changes what the feed and previews offer. */
export function useSubmitTest(attemptId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (answers: Record<string, unknown>) =>
      call(endpoints.submit, { params: { id: attemptId }, body: { answers } }),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: qualificationTestKeys.all }),
        queryClient.invalidateQueries({ queryKey: workKeys.all }),
      ]),
  });
}

/** Attempts at one of my types' test, newest first. */
export function useTestAttempts(typeId: string) {
  return useCursorList(endpoints.listAttempts, {
    queryKey: qualificationTestKeys.attempts(typeId),
    params: { id: typeId },
    query: { limit: 20 },
  });
}
