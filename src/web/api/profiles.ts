import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { pageOf } from '../../shared/api/common.js';
import { publicProjectSchema, publicRecordSchema } from '../../shared/api/profiles.js';
import { api } from './client.js';

const projectPage = pageOf(publicProjectSchema);
const user = (handle: string) => `users/${encodeURIComponent(handle)}`;

/** Jobs completed and pay earned (worker); projects published and pay given (requester). */
export function usePublicRecord(handle: string) {
  return useQuery({
    queryKey: ['users', handle, 'record'],
    queryFn: ({ signal }) =>
      api.get(`${user(handle)}/record`, publicRecordSchema, undefined, signal),
  });
}

export function usePublicProjects(handle: string) {
  return useInfiniteQuery({
    queryKey: ['users', handle, 'projects'],
    queryFn: ({ pageParam, signal }) =>
      api.get(`${user(handle)}/projects`, projectPage, { limit: 10, cursor: pageParam }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
}
