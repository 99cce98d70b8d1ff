import { useQuery } from '@tanstack/react-query';
import {
  aggregateEndpoints as endpoints,
  type AggregationMethod,
} from '../../shared/api/aggregates.js';
import { call, useCursorList } from './endpoints.js';

/** Aggregates and worker estimates change only when the background job recomputes them. */
export const aggregateKeys = {
  all: ['aggregates'] as const,
  list: (projectId: string, method: AggregationMethod, confidenceBelow: number | undefined) =>
    [...aggregateKeys.all, projectId, 'list', method, confidenceBelow ?? null] as const,
  workers: (projectId: string) => [...aggregateKeys.all, projectId, 'workers'] as const,
};

/** A project's aggregates in task order, a page at a time; `confidenceBelow` keeps the uncertain. */
export function useAggregates(
  projectId: string,
  method: AggregationMethod,
  confidenceBelow: number | undefined,
) {
  return useCursorList(endpoints.list, {
    queryKey: aggregateKeys.list(projectId, method, confidenceBelow),
    params: { id: projectId },
    query: { method, limit: 25, confidenceBelow },
    keepPrevious: true,
  });
}

/** The quality of each worker's work in a project (as of the last aggregation). */
export function useProjectWorkers(projectId: string) {
  return useQuery({
    queryKey: aggregateKeys.workers(projectId),
    queryFn: () => call(endpoints.workers, { params: { id: projectId } }),
  });
}
