import { Button, Card, Center, Group, Select, Stack, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { FEED_SORTS } from '../../../shared/api/work.js';
import { LIMITS } from '../../../shared/limits.js';
import { useFeed, type FeedSort } from '../../api/work.js';
import { EmptyState } from '../../components/EmptyState.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { LoadingState } from '../../components/LoadingState.js';
import { PageHeader } from '../../components/PageHeader.js';
import { SearchInput } from '../../components/SearchInput.js';
import { acceptProblem, useAcceptAndOpen } from '../work/accept.js';
import { notify } from '../work/notify.js';
import { FeedCard } from './FeedCard.js';

const SORT_OPTIONS: { value: FeedSort; label: string }[] = [
  { value: 'newest', label: 'Newest' },
  { value: 'reward', label: 'Highest reward' },
  { value: 'available', label: 'Most tasks' },
  { value: 'hourly', label: 'Best hourly pay' },
];

/** Dollars an hour a worker may ask for at least; the address and the API hold cents. */
const MIN_HOURLY_OPTIONS = [
  { value: '', label: 'Any' },
  ...[5, 10, 15, 20, 30].map((dollars) => ({
    value: String(dollars * 100),
    label: `$${dollars} an hour or more`,
  })),
];

function minHourlyFrom(value: string | null): number | undefined {
  const cents = Number(value);
  return value && Number.isInteger(cents) && cents > 0 ? cents : undefined;
}

function sortFrom(value: string | null): FeedSort {
  return FEED_SORTS.find((sort) => sort === value) ?? 'newest';
}

export function FindWorkPage() {
  // The search and order live in the address, so Back from a project returns to the same list.
  const [params, setParams] = useSearchParams();
  const sort = sortFrom(params.get('sort'));
  const minHourlyCents = minHourlyFrom(params.get('minHourlyCents'));
  const [search, setSearch] = useState(params.get('q') ?? '');
  const [q] = useDebouncedValue(search.trim(), 300);

  useEffect(() => {
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (q) next.set('q', q);
        else next.delete('q');
        return next;
      },
      { replace: true },
    );
  }, [q, setParams]);

  const setSort = (value: string | null) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        next.set('sort', sortFrom(value));
        return next;
      },
      { replace: true },
    );

  const setMinHourly = (value: string | null) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        const cents = minHourlyFrom(value);
        if (cents) next.set('minHourlyCents', String(cents));
        else next.delete('minHourlyCents');
        return next;
      },
      { replace: true },
    );

  const feed = useFeed({ q, sort, minHourlyCents });
  const items = feed.data?.pages.flatMap((page) => page.items) ?? [];
  const { accept, mutation } = useAcceptAndOpen();

  const onAccept = (projectId: string) =>
    accept(projectId).catch((error: unknown) => notify({ color: 'red', ...acceptProblem(error) }));

  return (
    <>
      <PageHeader
        title="Find work"
        description="Projects you can start now. The pay and the time allowed are shown before you accept."
      />
      <Card p="md" mb="lg">
        <Group gap="md" align="flex-end" role="search" aria-label="Find work">
          <SearchInput
            placeholder="Title, description or keyword"
            maxLength={LIMITS.searchMax}
            value={search}
            onChange={setSearch}
            maxWidth={520}
          />
          <Select
            label="Sort by"
            data={SORT_OPTIONS}
            value={sort}
            onChange={setSort}
            allowDeselect={false}
            w={200}
          />
          <Select
            label="Estimated pay"
            data={MIN_HOURLY_OPTIONS}
            value={minHourlyCents ? String(minHourlyCents) : ''}
            onChange={setMinHourly}
            allowDeselect={false}
            w={200}
          />
        </Group>
      </Card>

      {feed.isPending && <LoadingState label="Loading work…" />}
      {feed.isError && (
        <ErrorAlert
          error={feed.error}
          title="Could not load work"
          onRetry={() => void feed.refetch()}
        />
      )}
      {feed.isSuccess && items.length === 0 && (
        <EmptyState
          icon={<IconSearch size={28} aria-hidden="true" />}
          title={
            q
              ? `No work matches “${q}”`
              : minHourlyCents
                ? 'No work pays that much an hour yet'
                : 'No work available right now'
          }
          description={
            q
              ? 'Try fewer or different words, or clear the search to see every project open to you.'
              : minHourlyCents
                ? 'Only projects with an estimate from enough submissions are shown with a minimum pay. Lower it or choose Any.'
                : 'Projects you are qualified for appear here as soon as requesters publish them. Check back soon.'
          }
          actions={
            q ? (
              <Button variant="default" onClick={() => setSearch('')}>
                Clear the search
              </Button>
            ) : undefined
          }
        />
      )}
      {items.length > 0 && (
        <Stack gap="md" aria-busy={feed.isFetching}>
          <Text size="sm" c="dimmed" aria-live="polite">
            {feed.hasNextPage
              ? `Showing the first ${items.length} projects`
              : `${items.length} ${items.length === 1 ? 'project' : 'projects'}`}
            {q && ` matching “${q}”`}
          </Text>
          {items.map((item) => (
            <FeedCard
              key={item.projectId}
              item={item}
              onAccept={onAccept}
              accepting={mutation.isPending && mutation.variables === item.projectId}
            />
          ))}
          {feed.hasNextPage && (
            <Center>
              <Button
                variant="default"
                loading={feed.isFetchingNextPage}
                onClick={() => void feed.fetchNextPage()}
              >
                Load more
              </Button>
            </Center>
          )}
        </Stack>
      )}
    </>
  );
}
