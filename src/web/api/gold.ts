import { goldEndpoints } from '../../shared/api/gold.js';
import type { GoldInput } from '../../shared/api/quality.js';
import { call, useCursorList } from './endpoints.js';
import { projectKeys } from './projects.js';
import { useRefetchingMutation } from './refetching-mutation.js';

/** Under the project's own key, so an upload (which may bring gold) refreshes the list too. */
const goldKey = (projectId: string) => [...projectKeys.one(projectId), 'gold'] as const;

export function useGoldTasks(projectId: string) {
  return useCursorList(goldEndpoints.list, {
    queryKey: goldKey(projectId),
    params: { id: projectId },
    query: { limit: 20 },
  });
}

export function useSetGold(projectId: string) {
  return useRefetchingMutation(
    (args: { taskId: string; gold: GoldInput }) =>
      call(goldEndpoints.set, { params: { id: projectId, taskId: args.taskId }, body: args.gold }),
    goldKey(projectId),
  );
}

export function useRemoveGold(projectId: string) {
  return useRefetchingMutation(
    (taskId: string) => call(goldEndpoints.remove, { params: { id: projectId, taskId } }),
    goldKey(projectId),
  );
}
