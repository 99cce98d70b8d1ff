import { Button, Group } from '@mantine/core';

/** The part of an infinite query the button needs (TanStack Query's `useInfiniteQuery`). */
type Pages = {
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => Promise<unknown>;
};

/**
 * "Load more" under a paginated list: one look and one behaviour everywhere, shown only while the
 * server says there is a next page. `inCard` gives it the table footer's padding and top border.
 */
export function LoadMoreButton({ pages, inCard = true }: { pages: Pages; inCard?: boolean }) {
  if (!pages.hasNextPage) return null;
  return (
    <Group justify="center" {...(inCard ? { p: 'md', className: 'table-footer' } : { mt: 'md' })}>
      <Button
        variant="default"
        onClick={() => void pages.fetchNextPage()}
        loading={pages.isFetchingNextPage}
      >
        Load more
      </Button>
    </Group>
  );
}
