import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { okSchema } from '../../../shared/api/common.js';
import {
  createdOAuthClientSchema,
  oauthClientListSchema,
  oauthClientSchema,
  oauthGrantListSchema,
  oauthInteractionSchema,
  oauthRedirectSchema,
  type CreateOAuthClientBody,
  type UpdateOAuthClientBody,
} from '../../../shared/api/oauth.js';
import type { Scope } from '../../../shared/scopes.js';
import { api } from '../../api/client.js';

/** The web app's addresses for the OAuth pages. */
export const oauthPaths = {
  consent: (uid: string) => `/oauth/consent/${encodeURIComponent(uid)}`,
  consentPattern: '/oauth/consent/:uid',
  connectedApps: '/settings/connected-apps',
  developerApps: '/settings/developer-apps',
} as const;

const clientsKey = ['oauth-clients'] as const;
const grantsKey = ['me', 'oauth-grants'] as const;

export function useOAuthClients() {
  return useQuery({
    queryKey: clientsKey,
    queryFn: async ({ signal }) =>
      (await api.get('oauth-clients', oauthClientListSchema, undefined, signal)).items,
  });
}

export function useCreateOAuthClient() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateOAuthClientBody) =>
      api.post('oauth-clients', createdOAuthClientSchema, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: clientsKey }),
  });
}

export function useUpdateOAuthClient(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (patch: UpdateOAuthClientBody) =>
      api.patch(`oauth-clients/${encodeURIComponent(id)}`, oauthClientSchema, patch),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: clientsKey }),
  });
}

export function useRotateOAuthSecret() {
  return useMutation({
    mutationFn: (id: string) =>
      api.post(`oauth-clients/${encodeURIComponent(id)}/secret`, createdOAuthClientSchema),
  });
}

export function useDeleteOAuthClient() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(`oauth-clients/${encodeURIComponent(id)}`, okSchema),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: clientsKey }),
  });
}

export function useOAuthGrants() {
  return useQuery({
    queryKey: grantsKey,
    queryFn: async ({ signal }) =>
      (await api.get('me/oauth-grants', oauthGrantListSchema, undefined, signal)).items,
  });
}

export function useRevokeOAuthGrant() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (clientId: string) =>
      api.delete(`me/oauth-grants/${encodeURIComponent(clientId)}`, okSchema),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: grantsKey }),
  });
}

/** What an app asks for; always fresh, since signing in changes the answer. */
export function useOAuthInteraction(uid: string) {
  return useQuery({
    queryKey: ['oauth-interactions', uid],
    queryFn: ({ signal }) =>
      api.get(
        `oauth/interactions/${encodeURIComponent(uid)}`,
        oauthInteractionSchema,
        undefined,
        signal,
      ),
    staleTime: 0,
  });
}

export type InteractionAnswer = 'approve' | 'deny' | 'continue' | 'cancel';

/**
 * Sends the answer, then hands the browser back to the authorization server. `scopes` are the
 * API scopes the person ticked (approve only).
 */
export function useAnswerInteraction(uid: string) {
  return useMutation({
    mutationFn: async ({ answer, scopes }: { answer: InteractionAnswer; scopes?: Scope[] }) => {
      const base = `oauth/interactions/${encodeURIComponent(uid)}`;
      switch (answer) {
        case 'approve':
        case 'deny':
          return api.post(`${base}/consent`, oauthRedirectSchema, {
            approve: answer === 'approve',
            ...(answer === 'approve' && scopes && { scopes }),
          });
        case 'continue':
          return api.post(`${base}/login`, oauthRedirectSchema, {});
        case 'cancel':
          return api.post(`${base}/abort`, oauthRedirectSchema, {});
      }
    },
    onSuccess: ({ redirectTo }) => window.location.assign(redirectTo),
  });
}
