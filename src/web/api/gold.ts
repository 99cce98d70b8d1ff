import { useMutation, useQueryClient } from '@tanstack/react-query';
import { goldEndpoints } from '../../shared/api/gold.js';
import type { GoldInput } from '../../shared/api/quality.js';
import { call, useCursorList } from './endpoints.js';
import { projectKeys } from './projects.js';

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
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (args: { taskId: string; gold: GoldInput }) =>
      call(goldEndpoints.set, { params: { id: projectId, taskId: args.taskId }, body: args.gold }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: goldKey(projectId) }),
  });
}

export function useRemoveGold(projectId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (taskId: string) =>
      call(goldEndpoints.remove, { params: { id: projectId, taskId } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: goldKey(projectId) }),
  });
}
