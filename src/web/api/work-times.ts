import { useQuery } from '@tanstack/react-query';
import { workTimeEndpoints as endpoints } from '../../shared/api/work-times.js';
import { call } from './endpoints.js';
import { projectKeys } from './projects.js';

/** Under the project's key: whatever refreshes the project (a submission) refreshes the chart. */
export const workTimeKeys = {
  distribution: (projectId: string) => [...projectKeys.one(projectId), 'work-times'] as const,
};

/** How long the project's submitted work took, and what that pays an hour. */
export function useWorkTimes(projectId: string) {
  return useQuery({
    queryKey: workTimeKeys.distribution(projectId),
    queryFn: () => call(endpoints.distribution, { params: { id: projectId } }),
  });
}
