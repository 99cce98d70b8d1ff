import type { AssignmentStatus } from '../../shared/api/work.js';

export type ResultsFormat = 'csv' | 'json';

/**
 * The address of a project's streamed results file. It is a plain link, so the browser downloads
 * it itself (with the session cookie) however large it is, instead of holding it in memory.
 */
export function resultsUrl(
  projectId: string,
  format: ResultsFormat,
  filter: { statuses: readonly AssignmentStatus[]; batchId?: string | undefined },
): string {
  const params = new URLSearchParams();
  if (filter.statuses.length > 0) params.set('status', filter.statuses.join(','));
  if (filter.batchId) params.set('batchId', filter.batchId);
  const search = params.toString();
  return `/api/v1/projects/${encodeURIComponent(projectId)}/results.${format}${search ? `?${search}` : ''}`;
}
