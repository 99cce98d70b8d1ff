import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  webhookEndpoints as endpoints,
  type CreateWebhookBody,
} from '../../shared/api/webhooks.js';
import { call, useCursorList } from './endpoints.js';
import { useRefetchingMutation } from './refetching-mutation.js';

/** Every webhooks query, in one place. */
export const webhookKeys = {
  all: ['webhooks'] as const,
  list: () => [...webhookKeys.all, 'list'] as const,
  deliveries: (webhookId: string) => [...webhookKeys.all, webhookId, 'deliveries'] as const,
};

export function useWebhooks() {
  return useCursorList(endpoints.list, { queryKey: webhookKeys.list(), query: { limit: 50 } });
}

export function useWebhookDeliveries(webhookId: string) {
  return useCursorList(endpoints.deliveries, {
    queryKey: webhookKeys.deliveries(webhookId),
    params: { id: webhookId },
    query: { limit: 20 },
    staleTime: 0,
  });
}

export function useCreateWebhook() {
  return useRefetchingMutation(
    (body: CreateWebhookBody) => call(endpoints.create, { body }),
    webhookKeys.list(),
  );
}

export function useDeleteWebhook() {
  return useRefetchingMutation(
    (id: string) => call(endpoints.delete, { params: { id } }),
    webhookKeys.all,
  );
}

/** Sends a ping now; its delivery joins the webhook's log. */
export function useTestWebhook() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => call(endpoints.test, { params: { id } }),
    onSuccess: (_delivery, id) =>
      queryClient.invalidateQueries({ queryKey: webhookKeys.deliveries(id) }),
  });
}
