import { useMutation, useQueryClient } from '@tanstack/react-query';
import { qualificationRequestEndpoints as endpoints } from '../../shared/api/qualification-requests.js';
import { call, useCursorList } from './endpoints.js';
import { qualificationTypesKey } from './qualifications.js';
import { useRefetchingMutation } from './refetching-mutation.js';

const requestKeys = {
  all: ['qualification-requests'] as const,
  pending: (typeId: string) => [...requestKeys.all, 'pending', typeId] as const,
};

/** The pending requests for one of my types, newest first. */
export function usePendingQualificationRequests(typeId: string) {
  return useCursorList(endpoints.list, {
    queryKey: requestKeys.pending(typeId),
    query: { qualificationTypeId: typeId, status: 'pending', limit: 20 },
  });
}

/** A decision changes the requests and the type's holders. */
function useDecision<Variables>(mutationFn: (v: Variables) => Promise<unknown>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: requestKeys.all });
      await queryClient.invalidateQueries({ queryKey: qualificationTypesKey });
    },
  });
}

export function useGrantQualificationRequest() {
  return useDecision(({ requestId, value }: { requestId: string; value: number }) =>
    call(endpoints.grant, { params: { requestId }, body: { value } }),
  );
}

export function useRefuseQualificationRequest() {
  return useDecision(({ requestId, reason }: { requestId: string; reason: string }) =>
    call(endpoints.refuse, { params: { requestId }, body: { reason } }),
  );
}

/** A worker asks for a requestable type (from the page that says they lack it). */
export function useRequestQualification() {
  return useRefetchingMutation(
    (typeId: string) => call(endpoints.request, { params: { id: typeId } }),
    requestKeys.all,
  );
}
