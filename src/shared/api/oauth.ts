import { z } from 'zod';
import { SCOPES } from '../scopes.js';
import { okSchema, wholeListOf } from './common.js';
import { endpoint } from './endpoint.js';

export const OAUTH_LIMITS = {
  clientNameMax: 80,
  redirectUrisMax: 10,
  redirectUriMax: 2_000,
} as const;

export const OAUTH_CLIENT_TYPES = ['public', 'confidential'] as const;
export type OAuthClientType = (typeof OAUTH_CLIENT_TYPES)[number];

/** OpenID and OAuth scopes a client may ask for besides the API scopes. */
export const PROTOCOL_SCOPE_DESCRIPTIONS = {
  openid: 'Confirm who you are',
  offline_access: 'Stay connected while you are not using the app',
} as const;

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);
// Schemes that would run code or read local data in the browser instead of reaching an app.
const FORBIDDEN_SCHEMES = new Set([
  'javascript:',
  'data:',
  'file:',
  'vbscript:',
  'about:',
  'blob:',
  'filesystem:',
]);

/**
 * Why a redirect URI is refused, or undefined when it is acceptable: https anywhere, http only
 * to this machine (native apps, RFC 8252 §7.3), or an app's own scheme (§7.1); never a fragment.
 */
export function redirectUriProblem(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'must be an absolute URI';
  }
  if (value.includes('#')) return 'must not contain a fragment (#)';
  if (FORBIDDEN_SCHEMES.has(url.protocol)) return `must not use the ${url.protocol} scheme`;
  if (url.protocol === 'http:' && !LOOPBACK_HOSTS.has(url.hostname)) {
    return 'must use https (http is allowed only for localhost, 127.0.0.1 or [::1])';
  }
  if (url.protocol === 'https:' && !url.hostname) return 'must name a host';
  return undefined;
}

export const redirectUriSchema = z
  .string()
  .max(OAUTH_LIMITS.redirectUriMax, `must be at most ${OAUTH_LIMITS.redirectUriMax} characters`)
  .superRefine((value, ctx) => {
    const problem = redirectUriProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

const clientNameSchema = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(OAUTH_LIMITS.clientNameMax, `must be at most ${OAUTH_LIMITS.clientNameMax} characters`);
const redirectUrisSchema = z
  .array(redirectUriSchema)
  .max(OAUTH_LIMITS.redirectUrisMax, `must list at most ${OAUTH_LIMITS.redirectUrisMax} URIs`);
const clientScopesSchema = z
  .array(z.enum(SCOPES))
  .min(1, 'must list at least one scope')
  .max(SCOPES.length);

export const createOAuthClientBodySchema = z.strictObject({
  name: clientNameSchema,
  /** Empty for a confidential client that only uses client credentials. */
  redirectUris: redirectUrisSchema.default([]),
  type: z.enum(OAUTH_CLIENT_TYPES),
  /**
   * The most a token of this client may get; every scope but `admin` when left out (`admin` must
   * be named, and only an administrator may name it).
   */
  scopes: clientScopesSchema.optional(),
});
export type CreateOAuthClientBody = z.input<typeof createOAuthClientBodySchema>;

export const updateOAuthClientBodySchema = z
  .strictObject({
    name: clientNameSchema.optional(),
    redirectUris: redirectUrisSchema.optional(),
    scopes: clientScopesSchema.optional(),
  })
  .refine((body) => Object.values(body).some((v) => v !== undefined), {
    message: 'change at least one of name, redirectUris, scopes',
  });
export type UpdateOAuthClientBody = z.infer<typeof updateOAuthClientBodySchema>;

export const oauthClientIdParamsSchema = z.strictObject({
  id: z.string().min(1).max(100),
});

export const oauthClientSchema = z.object({
  id: z.string(),
  clientId: z.string(),
  name: z.string(),
  type: z.enum(OAUTH_CLIENT_TYPES),
  redirectUris: z.array(z.string()),
  scopes: z.array(z.enum(SCOPES)),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type OAuthClient = z.infer<typeof oauthClientSchema>;

/** A confidential client's secret is returned here once and never again. */
export const createdOAuthClientSchema = oauthClientSchema.extend({
  clientSecret: z.string().nullable(),
});
export type CreatedOAuthClient = z.infer<typeof createdOAuthClientSchema>;

export const oauthClientListSchema = wholeListOf(oauthClientSchema);

export const oauthGrantSchema = z.object({
  clientId: z.string(),
  clientName: z.string(),
  scopes: z.array(z.string()),
  grantedAt: z.string(),
  expiresAt: z.string().nullable(),
});
export type OAuthGrant = z.infer<typeof oauthGrantSchema>;

export const oauthGrantListSchema = wholeListOf(oauthGrantSchema);

export const oauthGrantParamsSchema = z.strictObject({
  clientId: z.string().min(1).max(100),
});

export const oauthInteractionParamsSchema = z.strictObject({
  uid: z.string().min(1).max(100),
});

export const oauthScopeSchema = z.object({
  scope: z.string(),
  description: z.string(),
  /** The person may leave it out (API scopes); protocol scopes come with approval. */
  optional: z.boolean(),
  /** Ticked when the page opens: never for moving money or admin powers. */
  preselected: z.boolean(),
});

/** What the consent page shows. */
export const oauthInteractionSchema = z.object({
  uid: z.string(),
  prompt: z.string(),
  client: z.object({ clientId: z.string(), name: z.string() }),
  scopes: z.array(oauthScopeSchema),
  /** False when the signed-in user already granted this app everything it asks for. */
  needsConsent: z.boolean(),
  /** The signed-in Tessera user, or null: the page then asks them to sign in first. */
  user: z.object({ id: z.string(), displayName: z.string(), email: z.string() }).nullable(),
});
export type OAuthInteraction = z.infer<typeof oauthInteractionSchema>;

export const oauthConsentBodySchema = z.strictObject({
  approve: z.boolean(),
  /**
   * The API scopes the person ticked, of those the app asked for. Left out: all it asked for
   * except `admin`, which is granted only when named here.
   */
  scopes: z.array(z.enum(SCOPES)).max(SCOPES.length).optional(),
});

/** Where the browser goes next (back to the authorization server, which returns to the app). */
export const oauthRedirectSchema = z.object({ redirectTo: z.string() });
export type OAuthRedirect = z.infer<typeof oauthRedirectSchema>;

// App registration and connected apps are for the signed-in browser session (the service checks).
const clients = { tag: 'oauth clients', auth: { scope: 'profile' } } as const;
const grants = { tag: 'connected apps', auth: { scope: 'profile' } } as const;
const consent = { tag: 'oauth consent', params: oauthInteractionParamsSchema } as const;

export const oauthEndpoints = {
  createClient: endpoint({
    ...clients,
    method: 'POST',
    path: '/oauth-clients',
    summary: 'Register an OAuth client (a confidential client’s secret is shown once)',
    body: createOAuthClientBodySchema,
    response: createdOAuthClientSchema,
    status: 201,
  }),
  listClients: endpoint({
    ...clients,
    method: 'GET',
    path: '/oauth-clients',
    summary: 'My OAuth clients',
    response: oauthClientListSchema,
  }),
  getClient: endpoint({
    ...clients,
    method: 'GET',
    path: '/oauth-clients/:id',
    summary: 'One of my OAuth clients',
    params: oauthClientIdParamsSchema,
    response: oauthClientSchema,
  }),
  updateClient: endpoint({
    ...clients,
    method: 'PATCH',
    path: '/oauth-clients/:id',
    summary: 'Rename a client, or change its redirect URIs or scopes',
    params: oauthClientIdParamsSchema,
    body: updateOAuthClientBodySchema,
    response: oauthClientSchema,
  }),
  rotateSecret: endpoint({
    ...clients,
    method: 'POST',
    path: '/oauth-clients/:id/secret',
    summary: 'Replace a confidential client’s secret (the new one is shown once)',
    params: oauthClientIdParamsSchema,
    response: createdOAuthClientSchema,
  }),
  deleteClient: endpoint({
    ...clients,
    method: 'DELETE',
    path: '/oauth-clients/:id',
    summary: 'Delete a client and revoke all its tokens',
    params: oauthClientIdParamsSchema,
    response: okSchema,
  }),
  listGrants: endpoint({
    ...grants,
    method: 'GET',
    path: '/me/oauth-grants',
    summary: 'Apps I have connected to my account',
    response: oauthGrantListSchema,
  }),
  revokeGrant: endpoint({
    ...grants,
    method: 'DELETE',
    path: '/me/oauth-grants/:clientId',
    summary: 'Disconnect an app: revoke its access and refresh tokens',
    params: oauthGrantParamsSchema,
    response: okSchema,
  }),
  interaction: endpoint({
    ...consent,
    auth: 'optional',
    method: 'GET',
    path: '/oauth/interactions/:uid',
    summary: 'What an app is asking for (for the consent page)',
    response: oauthInteractionSchema,
  }),
  continueAsMe: endpoint({
    ...consent,
    auth: { scope: 'profile' },
    method: 'POST',
    path: '/oauth/interactions/:uid/login',
    summary: 'Continue as the signed-in user (an app already approved)',
    response: oauthRedirectSchema,
  }),
  consent: endpoint({
    ...consent,
    auth: { scope: 'profile' },
    method: 'POST',
    path: '/oauth/interactions/:uid/consent',
    summary: 'Approve or deny the app',
    body: oauthConsentBodySchema,
    response: oauthRedirectSchema,
  }),
  abort: endpoint({
    ...consent,
    auth: 'optional',
    method: 'POST',
    path: '/oauth/interactions/:uid/abort',
    summary: 'Cancel the request (the app is told access was denied)',
    response: oauthRedirectSchema,
  }),
};
