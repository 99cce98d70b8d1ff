import { useEffect } from 'react';
import { SPENDING_LOOKUP_PAGE, useSpending } from '../../../api/spending.js';
import { spendingByProject } from './spending.js';

/**
 * The spending of the given projects. Spending is listed newest project first, like the projects
 * list, so the first page nearly always covers what is shown; otherwise more pages are fetched
 * until every project is found or the list ends.
 */
export function useProjectSpending(projectIds: readonly string[]) {
  const spending = useSpending(SPENDING_LOOKUP_PAGE);
  const byProject = spendingByProject(spending.data?.pages);
  const missing = projectIds.some((id) => !byProject.has(id));
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = spending;
  useEffect(() => {
    if (missing && hasNextPage && !isFetchingNextPage) void fetchNextPage();
  }, [missing, hasNextPage, isFetchingNextPage, fetchNextPage]);
  return { byProject, error: spending.error };
}
