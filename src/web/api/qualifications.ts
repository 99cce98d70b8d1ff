import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  qualificationEndpoints as endpoints,
  type CreateQualificationTypeBody,
  type UpdateQualificationTypeBody,
} from '../../shared/api/qualifications.js';
import { call, useCursorList } from './endpoints.js';

export type QualificationOwnerFilter = 'me' | 'system' | undefined;
type TypeFilter = { q: string; owner: QualificationOwnerFilter };

export const qualificationKeys = {
  all: ['qualification-types'] as const,
  list: (filter: TypeFilter) => [...qualificationKeys.all, 'list', filter] as const,
  options: (q: string) => [...qualificationKeys.all, 'options', q] as const,
  one: (id: string | undefined) => [...qualificationKeys.all, 'one', id] as const,
  holders: (id: string) => [...qualificationKeys.all, id, 'holders'] as const,
};
/** Everything about qualification types: what a change to any of them invalidates. */
export const qualificationTypesKey = qualificationKeys.all;

export function useQualificationTypes(filter: TypeFilter) {
  return useCursorList(endpoints.listTypes, {
    queryKey: qualificationKeys.list(filter),
    query: { q: filter.q.trim(), owner: filter.owner, limit: 20 },
    keepPrevious: true,
  });
}

/**
 * Every type a requirement may name, for pickers: the system types and the first page (100) of
 * mine. A requester with more than that finds the rest by typing (`q`).
 */
export function useQualificationTypeOptions(q: string) {
  return useQuery({
    queryKey: qualificationKeys.options(q.trim()),
    queryFn: async ({ signal }) =>
      (await call(endpoints.listTypes, { query: { q: q.trim(), limit: 100 } }, { signal })).items,
    placeholderData: keepPreviousData,
  });
}

export function useQualificationType(id: string | undefined) {
  return useQuery({
    queryKey: qualificationKeys.one(id),
    queryFn: ({ signal }) => call(endpoints.getType, { params: { id: id ?? '' } }, { signal }),
    enabled: id !== undefined,
  });
}

function useInvalidatingMutation<Variables, Result>(mutationFn: (v: Variables) => Promise<Result>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: qualificationKeys.all }),
  });
}

export function useCreateQualificationType() {
  return useInvalidatingMutation((body: CreateQualificationTypeBody) =>
    call(endpoints.createType, { body }),
  );
}

export function useUpdateQualificationType(id: string) {
  return useInvalidatingMutation((body: UpdateQualificationTypeBody) =>
    call(endpoints.updateType, { params: { id }, body }),
  );
}

export function useQualificationHolders(id: string) {
  return useCursorList(endpoints.listHolders, {
    queryKey: qualificationKeys.holders(id),
    params: { id },
    query: { limit: 20 },
  });
}

/** Grants a value, or changes the one the worker holds (by id or public handle). */
export function useGrantQualification(id: string) {
  return useInvalidatingMutation(({ worker, value }: { worker: string; value: number }) =>
    call(endpoints.grant, { params: { id, workerIdOrHandle: worker }, body: { value } }),
  );
}

export function useRevokeQualification(id: string) {
  return useInvalidatingMutation((worker: string) =>
    call(endpoints.revoke, { params: { id, workerIdOrHandle: worker } }),
  );
}
