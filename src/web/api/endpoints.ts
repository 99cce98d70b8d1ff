import { keepPreviousData, useInfiniteQuery, type QueryKey } from '@tanstack/react-query';
import type { z } from 'zod';
import {
  endpointPath,
  type Endpoint,
  type EndpointInput,
  type EndpointResult,
} from '../../shared/api/endpoint.js';
import { apiRequest, apiUrl, type QueryParams } from './client.js';

export type CallOptions = { signal?: AbortSignal; headers?: Record<string, string> };

/** An endpoint that takes and answers JSON: one `call()` can send and check it. */
type JsonEndpoint = Endpoint & { consumes?: undefined; produces?: undefined };

/** A declared query as the client sends it. */
function queryParams(query: unknown): QueryParams | undefined {
  // Query schemas take strings, numbers and booleans, as QueryParams does.
  return query as QueryParams | undefined;
}

/** The input argument: optional where the endpoint needs nothing (no path parameters or body). */
type InputArgument<E extends Endpoint> =
  Record<string, never> extends EndpointInput<E>
    ? [input?: EndpointInput<E>, options?: CallOptions]
    : [input: EndpointInput<E>, options?: CallOptions];

/**
 * Calls a declared endpoint (src/shared/api/*): its method and path, the types of what is sent
 * and the check of the answer all come from the one declaration the server routes from.
 */
export function call<E extends JsonEndpoint>(
  endpoint: E,
  ...[input, options]: InputArgument<E>
): Promise<EndpointResult<E>> {
  return apiRequest<E['response']>(endpoint.method, endpointPath(endpoint.path, input?.params), {
    schema: endpoint.response,
    body: input?.body,
    query: queryParams(input?.query),
    ...(options?.signal && { signal: options.signal }),
    ...(options?.headers && { headers: options.headers }),
  });
}

/**
 * The address of a declared endpoint, for what the browser requests itself rather than through
 * `call()`: a download link, a frame, an upload that reports its progress.
 */
export function endpointUrl<E extends Endpoint>(
  endpoint: E,
  input: Pick<EndpointInput<E>, 'params' | 'query'>,
): string {
  return apiUrl(endpointPath(endpoint.path, input.params), queryParams(input.query));
}

/** An endpoint that lists one page at a time: `?cursor=` in, `nextCursor` out. */
type CursorEndpoint = Endpoint & {
  query: z.ZodType<unknown, { cursor?: string | undefined }>;
  response: z.ZodType<{ nextCursor: string | null }>;
};

/**
 * A cursor-paginated list as an infinite query: each page asks with the previous page's
 * `nextCursor` until it is null. Every list in the web app uses this one hook.
 */
export function useCursorList<E extends CursorEndpoint>(
  endpoint: E,
  {
    queryKey,
    params,
    query,
    enabled = true,
    staleTime,
    keepPrevious = false,
  }: {
    queryKey: QueryKey;
    params?: EndpointInput<E>['params'];
    query?: Omit<NonNullable<EndpointInput<E>['query']>, 'cursor'>;
    enabled?: boolean;
    staleTime?: number;
    /** Keep showing the last list while a changed filter loads (no flash of a spinner). */
    keepPrevious?: boolean;
  },
) {
  return useInfiniteQuery({
    queryKey,
    queryFn: ({ pageParam, signal }) =>
      apiRequest<E['response']>(endpoint.method, endpointPath(endpoint.path, params), {
        schema: endpoint.response,
        query: { ...queryParams(query), cursor: pageParam },
        signal,
      }),
    // The first page has no cursor; naming the type here is how TanStack Query learns it.
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page: EndpointResult<E>) => page.nextCursor ?? undefined,
    enabled,
    ...(staleTime !== undefined && { staleTime }),
    ...(keepPrevious && { placeholderData: keepPreviousData }),
  });
}
