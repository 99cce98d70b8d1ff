import { resultEndpoints } from '../../shared/api/results.js';
import type { AssignmentStatus } from '../../shared/api/work.js';
import { endpointUrl } from './endpoints.js';

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
  return endpointUrl(resultEndpoints[format], {
    params: { id: projectId },
    query: { status: filter.statuses.join(','), batchId: filter.batchId },
  });
}
