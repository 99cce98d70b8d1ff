import { useEffect } from 'react';
import { useBatches } from '../../../api/projects.js';
import { formatDate } from '../../../lib/format.js';

export type BatchOption = { value: string; label: string };

/**
 * Every batch of a project as a choice for a filter: the file's name and upload day. A project
 * has a handful of batches, so the pages after the first are fetched as well.
 */
export function useBatchOptions(projectId: string): BatchOption[] {
  const batches = useBatches(projectId);
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = batches;
  useEffect(() => {
    if (hasNextPage && !isFetchingNextPage) void fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage]);
  return (batches.data?.pages.flatMap((page) => page.items) ?? []).map((batch) => ({
    value: batch.id,
    label: `${batch.filename ?? 'Uploaded through the API'} · ${formatDate(batch.createdAt)} · ${batch.rowCount.toLocaleString('en')} rows`,
  }));
}
