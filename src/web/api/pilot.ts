import { useMutation, useQueryClient } from '@tanstack/react-query';
import { pilotEndpoints, type PilotBody } from '../../shared/api/pilot.js';
import { call, useCursorList } from './endpoints.js';
import { moneyKeys } from './money.js';
import { projectKeys } from './projects.js';

/** A project's pilot work, under the project's key: a change of the project refreshes it. */
export const pilotKeys = {
  submissions: (projectId: string) => [...projectKeys.one(projectId), 'pilot'] as const,
};

/** Runs a draft as a pilot (DESIGN §10); money moves, so the balance and ledger are refetched. */
export function useRunPilot(projectId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: PilotBody) =>
      call(pilotEndpoints.start, { params: { id: projectId }, body }),
    onSuccess: (project) => {
      queryClient.setQueryData(projectKeys.one(project.id), project);
      void queryClient.invalidateQueries({ queryKey: projectKeys.lists() });
      void queryClient.invalidateQueries({ queryKey: projectKeys.batches(project.id) });
      void queryClient.invalidateQueries({ queryKey: moneyKeys.balance() });
      void queryClient.invalidateQueries({ queryKey: moneyKeys.ledger() });
    },
  });
}

export function usePilotSubmissions(projectId: string) {
  return useCursorList(pilotEndpoints.feedback, {
    queryKey: pilotKeys.submissions(projectId),
    params: { id: projectId },
    query: { limit: 20 },
  });
}
