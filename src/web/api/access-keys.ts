import { useQuery } from '@tanstack/react-query';
import {
  accessKeyEndpoints as endpoints,
  type CreateAccessKeyBody,
} from '../../shared/api/access-keys.js';
import { call } from './endpoints.js';
import { useRefetchingMutation } from './refetching-mutation.js';

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
  return useRefetchingMutation(
    (body: CreateAccessKeyBody) => call(endpoints.create, { body }),
    accessKeysQueryKey,
  );
}

export function useDeleteAccessKey() {
  return useRefetchingMutation(
    (accessKeyId: string) => call(endpoints.delete, { params: { accessKeyId } }),
    accessKeysQueryKey,
  );
}
