import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  accessKeyEndpoints as endpoints,
  type CreateAccessKeyBody,
} from '../../shared/api/access-keys.js';
import { call } from './endpoints.js';

const accessKeysQueryKey = ['me', 'access-keys'] as const;

/** My access keys for the MTurk-compatible API (never their secrets). */
export function useAccessKeys() {
  return useQuery({
    queryKey: accessKeysQueryKey,
    queryFn: async ({ signal }) => (await call(endpoints.list, {}, { signal })).items,
  });
}

/** Creates a key; the answer holds its secret, the only time it is shown. */
export function useCreateAccessKey() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateAccessKeyBody) => call(endpoints.create, { body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: accessKeysQueryKey }),
  });
}

export function useDeleteAccessKey() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (accessKeyId: string) => call(endpoints.delete, { params: { accessKeyId } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: accessKeysQueryKey }),
  });
}
