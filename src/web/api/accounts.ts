import { hashKey, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  accountEndpoints as endpoints,
  type ChangePasswordBody,
  type CreateTokenBody,
  type LoginBody,
  type SignupBody,
  type UpdateMeBody,
  type User,
} from '../../shared/api/accounts.js';
import { clearDraftsOf } from '../lib/draft-storage.js';
import { clearSessionExpired } from '../lib/session-expiry.js';
import { call } from './endpoints.js';
import { profileKeys } from './profiles.js';
import { useRefetchingMutation } from './refetching-mutation.js';

/** Every query about accounts, in one place. */
export const accountKeys = {
  /**
   * The signed-in user. Also the prefix of every other `me` query (tokens, notifications,
   * connected apps), so invalidating it refreshes everything about the signed-in user.
   */
  me: ['me'] as const,
  tokens: () => [...accountKeys.me, 'tokens'] as const,
  publicProfile: (handle: string) => [...profileKeys.all(handle), 'profile'] as const,
};

const meQueryHash = hashKey(accountKeys.me);

/**
 * The signed-in user, or null when nobody is signed in. Asked of `auth/session`, which answers
 * 200 either way, so a signed-out page logs no failed request.
 */
export async function fetchMe(): Promise<User | null> {
  return (await call(endpoints.session)).user;
}

export function useMe() {
  return useQuery({ queryKey: accountKeys.me, queryFn: fetchMe, staleTime: 5 * 60_000 });
}

/** For pages behind the sign-in guard, where a signed-in user is certain. */
export function useCurrentUser(): User {
  const { data } = useMe();
  if (!data) throw new Error('useCurrentUser needs a signed-in user (use it behind RequireAuth).');
  return data;
}

function useSetMe() {
  const queryClient = useQueryClient();
  return (user: User) => queryClient.setQueryData(accountKeys.me, user);
}

/** A new session starts with an empty cache, so nothing fetched for someone else is shown. */
function useStartSession() {
  const queryClient = useQueryClient();
  return (user: User) => {
    clearSessionExpired();
    queryClient.removeQueries({ predicate: (query) => query.queryHash !== meQueryHash });
    queryClient.setQueryData(accountKeys.me, user);
  };
}

export function useSignUp() {
  const startSession = useStartSession();
  return useMutation({
    mutationFn: async (body: SignupBody) => (await call(endpoints.signup, { body })).user,
    onSuccess: startSession,
  });
}

export function useSignIn() {
  const startSession = useStartSession();
  return useMutation({
    mutationFn: async (body: LoginBody) => (await call(endpoints.login, { body })).user,
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
    mutationFn: () => call(endpoints.logout),
    onSuccess: () => {
      const me = queryClient.getQueryData<User | null>(accountKeys.me);
      if (me) clearDraftsOf(me.id);
      window.location.assign('/signin');
    },
  });
}

export function useUpdateMe() {
  const setMe = useSetMe();
  return useMutation({
    mutationFn: (patch: UpdateMeBody) => call(endpoints.updateMe, { body: patch }),
    onSuccess: setMe,
  });
}

export function useChangePassword() {
  return useMutation({
    mutationFn: (body: ChangePasswordBody) => call(endpoints.changePassword, { body }),
  });
}

export function useAddRole() {
  const setMe = useSetMe();
  return useMutation({
    mutationFn: (role: 'worker' | 'requester') => call(endpoints.addRole, { body: { role } }),
    onSuccess: setMe,
  });
}

export function usePublicProfile(handle: string) {
  return useQuery({
    queryKey: accountKeys.publicProfile(handle),
    queryFn: ({ signal }) =>
      call(endpoints.publicProfile, { params: { idOrHandle: handle } }, { signal }),
  });
}

export function useTokens() {
  return useQuery({
    queryKey: accountKeys.tokens(),
    queryFn: async ({ signal }) => (await call(endpoints.listTokens, {}, { signal })).items,
  });
}

export function useCreateToken() {
  return useRefetchingMutation(
    (body: CreateTokenBody) => call(endpoints.createToken, { body }),
    accountKeys.tokens(),
  );
}

export function useDeleteToken() {
  return useRefetchingMutation(
    (id: string) => call(endpoints.deleteToken, { params: { id } }),
    accountKeys.tokens(),
  );
}
