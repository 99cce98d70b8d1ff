import { timingSafeEqual } from 'node:crypto';
import { isOneOf, memberOf } from '../../../shared/narrow.js';
import Provider, {
  errors,
  interactionPolicy,
  type AdapterFactory,
  type Configuration,
  type Grant,
  type KoaContextWithOIDC,
} from 'oidc-provider';
import { SCOPES } from '../../../shared/scopes.js';
import { sha256 } from '../../lib/secrets.js';
import { SESSION_COOKIE } from '../../plugins/auth.js';
import type { SigningKey } from './oauth.keys.js';
import {
  deviceCodeConfirmPage,
  deviceCodeInputPage,
  deviceSuccessPage,
  errorPage,
} from './oauth.pages.js';

/** Where the authorization server's endpoints live (the issuer is the site's root URL). */
export const OAUTH_ROUTES = {
  authorization: '/oauth/authorize',
  token: '/oauth/token',
  userinfo: '/oauth/userinfo',
  jwks: '/oauth/jwks',
  revocation: '/oauth/revoke',
  introspection: '/oauth/introspect',
  device_authorization: '/oauth/device/auth',
  code_verification: '/oauth/device',
  end_session: '/oauth/session/end',
} as const;

/** The API's path for sign-in requests; the provider's interaction cookie is scoped to it. */
export const INTERACTIONS_API_PATH = '/api/v1/oauth/interactions';
/** The web app's consent page. */
export const CONSENT_PAGE_PATH = '/oauth/consent';

export const DEVICE_CODE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';
export const PROTOCOL_SCOPES = ['openid', 'offline_access'] as const;

export const TTL = {
  AccessToken: 60 * 60,
  AuthorizationCode: 60,
  ClientCredentials: 60 * 60,
  DeviceCode: 10 * 60,
  Grant: 365 * 24 * 60 * 60,
  IdToken: 60 * 60,
  Interaction: 60 * 60,
  RefreshToken: 30 * 24 * 60 * 60,
  Session: 14 * 24 * 60 * 60,
} as const;

const API_SCOPES: ReadonlySet<string> = new Set(SCOPES);

export type OAuthProviderDeps = {
  issuer: string;
  /** The resource indicator (and token audience) of the REST API. */
  apiResource: string;
  jwks: { keys: SigningKey[] };
  cookieKeys: string[];
  adapter: AdapterFactory;
  /** The active user with this id, or undefined (unknown or suspended). */
  findActiveUserId: (userId: string) => Promise<string | undefined>;
  /** The user signed in to Tessera with this session cookie, if any. */
  sessionUserId: (sessionToken: string) => Promise<string | undefined>;
  /** The user's live grants to the client, newest first. */
  grantIds: (accountId: string, clientId: string) => Promise<string[]>;
};

/**
 * Client metadata naming the API scopes a client may obtain. (The standard `scope` metadata may
 * only hold the server's OpenID scopes; API scopes belong to the API as a resource server.)
 */
export const CLIENT_API_SCOPES = 'tessera_scopes';

function clientApiScopes(client: object): string[] {
  const value = memberOf(client, CLIENT_API_SCOPES);
  return Array.isArray(value) ? value.filter((s): s is string => API_SCOPES.has(String(s))) : [];
}

function originOf(uri: string): string | undefined {
  try {
    return new URL(uri).origin;
  } catch {
    return undefined;
  }
}

function requestedScopes(ctx: KoaContextWithOIDC): string[] {
  const scope = ctx.oidc.params?.scope;
  return typeof scope === 'string' ? scope.split(' ').filter(Boolean) : [];
}

const DEVICE_PROBLEMS: Record<string, string> = {
  NoCodeError: 'Enter the code shown on your device.',
  NotFoundError: 'That code is not right. Check it and try again.',
  ExpiredError: 'That code has expired. Start again on your device.',
  AlreadyUsedError: 'That code has already been used. Start again on your device.',
  AbortedError: 'You cancelled the request. You can close this page.',
};

export function createOAuthProvider(deps: OAuthProviderDeps): Provider {
  const { apiResource } = deps;

  const policy = interactionPolicy.base();
  // The authorization server's own session must belong to whoever is signed in to Tessera in this
  // browser right now; otherwise a previous user's session could approve requests silently.
  policy.get('login')?.checks.add(
    new interactionPolicy.Check(
      'tessera_session',
      'Sign in to Tessera as the account the app will act for',
      async (ctx) => {
        const token = ctx.cookies.get(SESSION_COOKIE, { signed: false });
        const userId = token ? await deps.sessionUserId(token) : undefined;
        return userId !== undefined && userId === ctx.oidc.session?.accountId
          ? interactionPolicy.Check.NO_NEED_TO_PROMPT
          : interactionPolicy.Check.REQUEST_PROMPT;
      },
    ),
  );

  const deviceForm = (ctx: KoaContextWithOIDC) => ({
    action: ctx.oidc.urlFor('code_verification'),
    xsrf: typeof ctx.oidc.session?.state?.secret === 'string' ? ctx.oidc.session.state.secret : '',
  });

  const configuration: Configuration = {
    adapter: deps.adapter,
    jwks: { keys: deps.jwks.keys },
    routes: OAUTH_ROUTES,
    scopes: [...PROTOCOL_SCOPES],
    claims: { openid: ['sub'] },
    clientAuthMethods: ['client_secret_basic', 'client_secret_post', 'none'],
    extraClientMetadata: {
      properties: [CLIENT_API_SCOPES],
      validator(_ctx, key, value) {
        if (
          key === CLIENT_API_SCOPES &&
          !(Array.isArray(value) && value.every((s) => API_SCOPES.has(String(s))))
        ) {
          throw new errors.InvalidClientMetadata(`${CLIENT_API_SCOPES} must list API scopes`);
        }
      },
    },
    cookies: {
      names: { session: 'oauth_session', interaction: 'oauth_interaction', resume: 'oauth_resume' },
      keys: deps.cookieKeys,
      long: { httpOnly: true, sameSite: 'lax' },
      short: { httpOnly: true, sameSite: 'lax', path: INTERACTIONS_API_PATH },
    },
    pkce: { required: () => true },
    rotateRefreshToken: true,
    // API tokens live by their own lifetime and grant, not by the authorization server's
    // browser session (which is reset whenever the Tessera user in the browser changes).
    expiresWithSession: () => false,
    ttl: { ...TTL },
    features: {
      devInteractions: { enabled: false },
      dPoP: { enabled: false },
      pushedAuthorizationRequests: { enabled: false },
      rpInitiatedLogout: { enabled: false },
      clientCredentials: { enabled: true },
      introspection: {
        enabled: true,
        // A client learns about its own tokens only.
        allowedPolicy: (ctx, client, token) => Promise.resolve(token.clientId === client.clientId),
      },
      revocation: {
        enabled: true,
        allowedPolicy: (ctx, client, token) => Promise.resolve(token.clientId === client.clientId),
      },
      deviceFlow: {
        enabled: true,
        userCodeInputSource(ctx, _form, out, err) {
          ctx.type = 'html';
          const problem = err
            ? (DEVICE_PROBLEMS[err.name] ?? out?.error_description ?? 'Something went wrong.')
            : undefined;
          ctx.body = deviceCodeInputPage(deviceForm(ctx), problem);
        },
        userCodeConfirmSource(ctx, _form, client, _deviceInfo, userCode) {
          ctx.type = 'html';
          ctx.body = deviceCodeConfirmPage(
            deviceForm(ctx),
            client.clientName ?? client.clientId,
            userCode,
          );
        },
        successSource(ctx) {
          ctx.type = 'html';
          const client = ctx.oidc.client;
          ctx.body = deviceSuccessPage(client?.clientName ?? client?.clientId ?? 'The app');
        },
      },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => apiResource,
        useGrantedResource: () => true,
        getResourceServerInfo(ctx, resource, client) {
          if (resource !== apiResource) {
            throw new errors.InvalidTarget('the only resource is this server’s API');
          }
          const allowed = clientApiScopes(client);
          const denied = requestedScopes(ctx).find(
            (s) => !isOneOf(PROTOCOL_SCOPES, s) && !allowed.includes(s),
          );
          if (denied !== undefined) {
            throw new errors.InvalidScope('requested scope is not allowed for this client', denied);
          }
          return {
            scope: allowed.join(' '),
            audience: apiResource,
            accessTokenTTL: TTL.AccessToken,
            accessTokenFormat: 'opaque',
          };
        },
      },
    },
    interactions: {
      policy,
      url: (_ctx, interaction) => `${CONSENT_PAGE_PATH}/${interaction.uid}`,
    },
    async findAccount(_ctx, sub) {
      const userId = await deps.findActiveUserId(sub);
      return userId ? { accountId: userId, claims: () => ({ sub: userId }) } : undefined;
    },
    async loadExistingGrant(ctx) {
      const accountId = ctx.oidc.account?.accountId;
      const clientId = ctx.oidc.client?.clientId;
      if (!accountId || !clientId) return undefined;
      // The grant just consented to, the one this browser used, or the user's latest one for
      // the client (so a new device or browser does not ask again for what was granted).
      const candidates = [
        ctx.oidc.result?.consent?.grantId,
        ctx.oidc.session?.grantIdFor(clientId),
        ...(await deps.grantIds(accountId, clientId)),
      ];
      for (const id of candidates) {
        if (!id) continue;
        const grant: Grant | undefined = await ctx.oidc.provider.Grant.find(id);
        if (grant?.accountId === accountId && grant.clientId === clientId) return grant;
      }
      return undefined;
    },
    clientBasedCORS(_ctx, origin, client) {
      // Browser apps (public clients) may call the token endpoint from their own origins.
      return (
        client.clientAuthMethod === 'none' &&
        (client.redirectUris ?? []).some((uri) => originOf(uri) === origin)
      );
    },
    renderError(ctx, out) {
      ctx.type = 'html';
      ctx.body = errorPage(String(out.error), out.error_description);
    },
  };

  const provider = new Provider(deps.issuer, configuration);
  // Forwarded headers are set by the Fastify mount from what it trusts (oauth-provider.routes.ts),
  // so cookies get the Secure flag over TLS behind nginx.
  provider.proxy = true;
  // Confidential clients' secrets are stored as SHA-256 only (client_secret_jwt is therefore
  // not offered); compare the hash of what the client presents.
  provider.Client.prototype.compareClientSecret = function compareClientSecret(actual: string) {
    const expected = this.clientSecret;
    if (!expected) return false;
    const presented = Buffer.from(sha256(actual));
    const stored = Buffer.from(expected);
    return presented.length === stored.length && timingSafeEqual(presented, stored);
  };
  // Discovery lists every scope a client may ask for, not only the OpenID ones.
  provider.use(async (ctx, next) => {
    await next();
    // Koa's context as the provider's middleware sees it: oidc is set on its own routes only.
    const route = (ctx as Partial<KoaContextWithOIDC>).oidc?.route;
    if (route === 'discovery' && ctx.body && typeof ctx.body === 'object') {
      Object.assign(ctx.body, {
        scopes_supported: [...PROTOCOL_SCOPES, ...SCOPES],
        response_modes_supported: ['query'],
      });
    }
  });
  return provider;
}
