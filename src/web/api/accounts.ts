import { hashKey, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import {
  createdTokenSchema,
  publicProfileSchema,
  tokenSchema,
  userSchema,
  type ChangePasswordBody,
  type CreateTokenBody,
  type LoginBody,
  type SignupBody,
  type UpdateMeBody,
  type User,
} from '../../shared/api/accounts.js';
import { okSchema } from '../../shared/api/common.js';
import { clearDraftsOf } from '../lib/draft-storage.js';
import { clearSessionExpired } from '../lib/session-expiry.js';
import { api } from './client.js';
import { meQueryKey } from './query-client.js';

const userEnvelope = z.object({ user: userSchema });
const tokenList = z.object({ items: z.array(tokenSchema), nextCursor: z.null() });

export const tokensQueryKey = ['me', 'tokens'] as const;
const meQueryHash = hashKey(meQueryKey);

const sessionEnvelope = z.object({ user: userSchema.nullable() });

/**
 * The signed-in user, or null when nobody is signed in. Asked of `auth/session`, which answers
 * 200 either way, so a signed-out page logs no failed request.
 */
export async function fetchMe(): Promise<User | null> {
  return (await api.get('auth/session', sessionEnvelope)).user;
}

export function useMe() {
  return useQuery({ queryKey: meQueryKey, queryFn: fetchMe, staleTime: 5 * 60_000 });
}

/** For pages behind the sign-in guard, where a signed-in user is certain. */
export function useCurrentUser(): User {
  const { data } = useMe();
  if (!data) throw new Error('useCurrentUser needs a signed-in user (use it behind RequireAuth).');
  return data;
}

function useSetMe() {
  const queryClient = useQueryClient();
  return (user: User) => queryClient.setQueryData(meQueryKey, user);
}

/** A new session starts with an empty cache, so nothing fetched for someone else is shown. */
function useStartSession() {
  const queryClient = useQueryClient();
  return (user: User) => {
    clearSessionExpired();
    queryClient.removeQueries({ predicate: (query) => query.queryHash !== meQueryHash });
    queryClient.setQueryData(meQueryKey, user);
  };
}

export function useSignUp() {
  const startSession = useStartSession();
  return useMutation({
    mutationFn: async (body: SignupBody) =>
      (await api.post('auth/signup', userEnvelope, body)).user,
    onSuccess: startSession,
  });
}

export function useSignIn() {
  const startSession = useStartSession();
  return useMutation({
    mutationFn: async (body: LoginBody) => (await api.post('auth/login', userEnvelope, body)).user,
    onSuccess: startSession,
  });
}

/**
 * Signing out reloads the app so nothing of the previous user stays in memory, nor on this
 * device: edits kept for an expired session are dropped when leaving on purpose.
 */
export function useSignOut() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post('auth/logout', okSchema),
    onSuccess: () => {
      const me = queryClient.getQueryData<User | null>(meQueryKey);
      if (me) clearDraftsOf(me.id);
      window.location.assign('/signin');
    },
  });
}

export function useUpdateMe() {
  const setMe = useSetMe();
  return useMutation({
    mutationFn: (patch: UpdateMeBody) => api.patch('me', userSchema, patch),
    onSuccess: setMe,
  });
}

export function useChangePassword() {
  return useMutation({
    mutationFn: (body: ChangePasswordBody) => api.post('me/password', okSchema, body),
  });
}

export function useAddRole() {
  const setMe = useSetMe();
  return useMutation({
    mutationFn: (role: 'worker' | 'requester') => api.post('me/roles', userSchema, { role }),
    onSuccess: setMe,
  });
}

export function usePublicProfile(handle: string) {
  return useQuery({
    queryKey: ['users', handle],
    queryFn: ({ signal }) =>
      api.get(`users/${encodeURIComponent(handle)}`, publicProfileSchema, undefined, signal),
  });
}

export function useTokens() {
  return useQuery({
    queryKey: tokensQueryKey,
    queryFn: async ({ signal }) => (await api.get('me/tokens', tokenList, undefined, signal)).items,
  });
}

export function useCreateToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateTokenBody) => api.post('me/tokens', createdTokenSchema, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: tokensQueryKey }),
  });
}

export function useDeleteToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(`me/tokens/${encodeURIComponent(id)}`, okSchema),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: tokensQueryKey }),
  });
}
