import { useMutation, useQuery } from '@tanstack/react-query';
import {
  oauthEndpoints as endpoints,
  type CreateOAuthClientBody,
  type UpdateOAuthClientBody,
} from '../../../shared/api/oauth.js';
import type { Scope } from '../../../shared/scopes.js';
import { call } from '../../api/endpoints.js';
import { useRefetchingMutation } from '../../api/refetching-mutation.js';

/** The web app's addresses for the OAuth pages. */
export const oauthPaths = {
  consent: (uid: string) => `/oauth/consent/${encodeURIComponent(uid)}`,
  consentPattern: '/oauth/consent/:uid',
  connectedApps: '/settings/connected-apps',
  developerApps: '/settings/developer-apps',
} as const;

/** Every OAuth query, in one place. */
export const oauthKeys = {
  clients: ['oauth-clients'] as const,
  grants: ['me', 'oauth-grants'] as const,
  interaction: (uid: string) => ['oauth-interactions', uid] as const,
};

export function useOAuthClients() {
  return useQuery({
    queryKey: oauthKeys.clients,
    queryFn: async ({ signal }) => (await call(endpoints.listClients, {}, { signal })).items,
  });
}

export function useCreateOAuthClient() {
  return useRefetchingMutation(
    (body: CreateOAuthClientBody) => call(endpoints.createClient, { body }),
    oauthKeys.clients,
  );
}

export function useUpdateOAuthClient(id: string) {
  return useRefetchingMutation(
    (patch: UpdateOAuthClientBody) => call(endpoints.updateClient, { params: { id }, body: patch }),
    oauthKeys.clients,
  );
}

export function useRotateOAuthSecret() {
  return useMutation({
    mutationFn: (id: string) => call(endpoints.rotateSecret, { params: { id } }),
  });
}

export function useDeleteOAuthClient() {
  return useRefetchingMutation(
    (id: string) => call(endpoints.deleteClient, { params: { id } }),
    oauthKeys.clients,
  );
}

export function useOAuthGrants() {
  return useQuery({
    queryKey: oauthKeys.grants,
    queryFn: async ({ signal }) => (await call(endpoints.listGrants, {}, { signal })).items,
  });
}

export function useRevokeOAuthGrant() {
  return useRefetchingMutation(
    (clientId: string) => call(endpoints.revokeGrant, { params: { clientId } }),
    oauthKeys.grants,
  );
}

/** What an app asks for; always fresh, since signing in changes the answer. */
export function useOAuthInteraction(uid: string) {
  return useQuery({
    queryKey: oauthKeys.interaction(uid),
    queryFn: ({ signal }) => call(endpoints.interaction, { params: { uid } }, { signal }),
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
      const params = { uid };
      switch (answer) {
        case 'approve':
        case 'deny':
          return call(endpoints.consent, {
            params,
            body: {
              approve: answer === 'approve',
              ...(answer === 'approve' && scopes && { scopes }),
            },
          });
        case 'continue':
          return call(endpoints.continueAsMe, { params });
        case 'cancel':
          return call(endpoints.abort, { params });
      }
    },
    onSuccess: ({ redirectTo }) => window.location.assign(redirectTo),
  });
}
