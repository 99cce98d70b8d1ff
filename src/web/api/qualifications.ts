import {
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import { okSchema, pageOf } from '../../shared/api/common.js';
import {
  qualificationHolderSchema,
  qualificationTypeSchema,
  type CreateQualificationTypeBody,
  type UpdateQualificationTypeBody,
} from '../../shared/api/qualifications.js';
import { apiRequest, api } from './client.js';

const typePage = pageOf(qualificationTypeSchema);
const holderPage = pageOf(qualificationHolderSchema);

export const qualificationTypesKey = ['qualification-types'] as const;
const holdersKey = (id: string) => [...qualificationTypesKey, id, 'holders'] as const;
const typePath = (id: string, rest = '') => `qualification-types/${encodeURIComponent(id)}${rest}`;

export type QualificationOwnerFilter = 'me' | 'system' | undefined;

export function useQualificationTypes(filter: { q: string; owner: QualificationOwnerFilter }) {
  return useInfiniteQuery({
    queryKey: [...qualificationTypesKey, 'list', filter],
    queryFn: ({ pageParam, signal }) =>
      api.get(
        'qualification-types',
        typePage,
        { q: filter.q.trim(), owner: filter.owner, limit: 20, cursor: pageParam },
        signal,
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

/**
 * Every type a requirement may name, for pickers: the system types and the first page (100) of
 * mine. A requester with more than that finds the rest by typing (`q`).
 */
export function useQualificationTypeOptions(q: string) {
  return useQuery({
    queryKey: [...qualificationTypesKey, 'options', q.trim()],
    queryFn: async ({ signal }) =>
      (await api.get('qualification-types', typePage, { q: q.trim(), limit: 100 }, signal)).items,
    placeholderData: keepPreviousData,
  });
}

export function useQualificationType(id: string | undefined) {
  return useQuery({
    queryKey: [...qualificationTypesKey, 'one', id],
    queryFn: ({ signal }) =>
      api.get(typePath(id ?? ''), qualificationTypeSchema, undefined, signal),
    enabled: id !== undefined,
  });
}

export function useCreateQualificationType() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateQualificationTypeBody) =>
      api.post('qualification-types', qualificationTypeSchema, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: qualificationTypesKey }),
  });
}

export function useUpdateQualificationType(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateQualificationTypeBody) =>
      api.patch(typePath(id), qualificationTypeSchema, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: qualificationTypesKey }),
  });
}

export function useQualificationHolders(id: string) {
  return useInfiniteQuery({
    queryKey: holdersKey(id),
    queryFn: ({ pageParam, signal }) =>
      api.get(typePath(id, '/workers'), holderPage, { limit: 20, cursor: pageParam }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
}

/** Grants a value, or changes the one the worker holds (by id or public handle). */
export function useGrantQualification(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ worker, value }: { worker: string; value: number }) =>
      apiRequest('PUT', typePath(id, `/workers/${encodeURIComponent(worker)}`), {
        schema: qualificationHolderSchema,
        body: { value },
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: qualificationTypesKey }),
  });
}

export function useRevokeQualification(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (worker: string) =>
      api.delete(typePath(id, `/workers/${encodeURIComponent(worker)}`), okSchema),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: qualificationTypesKey }),
  });
}
