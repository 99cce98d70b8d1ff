import type { MantineSpacing } from '@mantine/core';
import type { ReactNode } from 'react';
import { ErrorAlert } from './ErrorAlert.js';
import { LoadingState } from './LoadingState.js';
import { LoadMoreButton } from './LoadMoreButton.js';

/** A list as the API returns it: whole, or page by page (TanStack Query's infinite data). */
type Loaded<T> = readonly T[] | { pages: readonly { items: readonly T[] }[] };

/** The part of a query (`useQuery` or `useInfiniteQuery`) the states need. */
type QueryStatus = {
  isPending: boolean;
  isError: boolean;
  error: unknown;
  refetch: () => Promise<unknown>;
  /** An infinite query's paging: a "Load more" button follows the list while there is more. */
  hasNextPage?: boolean;
  isFetchingNextPage?: boolean;
  fetchNextPage?: () => Promise<unknown>;
};

type ListQuery<T> = QueryStatus & { data: Loaded<T> | undefined };

/** Every item loaded so far, or undefined while nothing has loaded. */
export function loadedItems<T>(data: Loaded<T> | undefined): readonly T[] | undefined {
  if (data === undefined) return undefined;
  return 'pages' in data ? data.pages.flatMap((page) => page.items) : data;
}

/** Where a list's items come from: its query, or its query's state and items of their own. */
export type ListSource<T> =
  | { query: ListQuery<T> }
  /** The items to show when they are not simply the loaded ones (e.g. grouped). */
  | { query: QueryStatus; items: readonly T[] | undefined };

type QueryListProps<T> = {
  /** What is read aloud and shown while the first page loads, e.g. "Loading users…". */
  loadingLabel: string;
  /** Shown when the list loaded with nothing in it. */
  empty?: ReactNode;
  errorTitle?: string;
  /** Space above the error, where it follows a toolbar. */
  errorMt?: MantineSpacing;
  /** Off when the list is not in a card, so "Load more" needs no footer of its own. */
  moreInCard?: boolean;
  children: (items: readonly T[]) => ReactNode;
} & ListSource<T>;

/**
 * The states every list goes through, said once: loading, failed (with "Try again"), empty, its
 * items, and "Load more" while the server has more. An error on a refetch keeps the items shown.
 */
export function QueryList<T>(props: QueryListProps<T>) {
  const { query, loadingLabel, empty, errorTitle, errorMt, moreInCard, children } = props;
  const items = 'items' in props ? props.items : loadedItems(props.query.data);
  const { hasNextPage = false, isFetchingNextPage = false, fetchNextPage } = query;
  return (
    <>
      {query.isPending && <LoadingState label={loadingLabel} />}
      {query.isError && (
        <ErrorAlert
          error={query.error}
          title={errorTitle}
          onRetry={() => void query.refetch()}
          mt={errorMt}
        />
      )}
      {items?.length === 0 && !query.isError && empty}
      {items && items.length > 0 && children(items)}
      {fetchNextPage && (
        <LoadMoreButton
          pages={{ hasNextPage, isFetchingNextPage, fetchNextPage }}
          inCard={moreInCard}
        />
      )}
    </>
  );
}
