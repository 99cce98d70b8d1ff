import { useQuery } from '@tanstack/react-query';
import { profileEndpoints as endpoints } from '../../shared/api/profiles.js';
import { call, useCursorList } from './endpoints.js';

export const profileKeys = {
  all: (handle: string) => ['users', handle] as const,
  record: (handle: string) => [...profileKeys.all(handle), 'record'] as const,
  projects: (handle: string) => [...profileKeys.all(handle), 'projects'] as const,
};

/** Jobs completed and pay earned (worker); projects published and pay given (requester). */
export function usePublicRecord(handle: string) {
  return useQuery({
    queryKey: profileKeys.record(handle),
    queryFn: ({ signal }) => call(endpoints.record, { params: { idOrHandle: handle } }, { signal }),
  });
}

export function usePublicProjects(handle: string) {
  return useCursorList(endpoints.projects, {
    queryKey: profileKeys.projects(handle),
    params: { idOrHandle: handle },
    query: { limit: 10 },
  });
}
