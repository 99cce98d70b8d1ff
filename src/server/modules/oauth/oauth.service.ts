import type Provider from 'oidc-provider';
import { isOneOf, memberOf } from '../../../shared/narrow.js';
import { errors, type ClientMetadata } from 'oidc-provider';
import type { OAuthClientType } from '../../../shared/api/oauth.js';
import { DEFAULT_SCOPES, SCOPES, type Scope } from '../../../shared/scopes.js';
import type { Db } from '../../db/database.js';
import type { UserRow } from '../../db/types.js';
import { ConflictError, fieldProblems, NotFoundError, ValidationError } from '../../errors.js';
import type { Clock } from '../../lib/clock.js';
import { newSecret, sha256 } from '../../lib/secrets.js';
import type { AuthenticatedUser } from '../accounts/accounts.service.js';
import type { AuditService } from '../audit/audit.service.js';
import type { OAuthClientRow, OAuthClientsRepository } from './oauth-clients.repository.js';
import type { ModelPayload, OAuthModelsRepository } from './oauth-models.repository.js';
import { CLIENT_API_SCOPES, DEVICE_CODE_GRANT, PROTOCOL_SCOPES } from './oauth.provider.js';

const CLIENT_ID_PREFIX = 'tsr_app_';
const CLIENT_SECRET_PREFIX = 'tsr_secret_';
// Opaque tokens from the provider: 256 random bits, base64url.
const OPAQUE_TOKEN = /^[A-Za-z0-9_-]{43}$/;

/**
 * Loopback and app-scheme redirects make a native app (RFC 8252): any loopback port matches, and
 * the authorization server asks for consent every time (another app could claim the redirect).
 */
export function isNativeClient(row: Pick<OAuthClientRow, 'redirect_uris'>): boolean {
  return !row.redirect_uris.every((uri) => uri.startsWith('https:'));
}

/** How the authorization server sees a registered client. */
export function clientMetadata(row: OAuthClientRow): ClientMetadata {
  const confidential = row.type === 'confidential';
  const usesCode = row.redirect_uris.length > 0;
  return {
    client_id: row.id,
    client_name: row.name,
    ...(confidential
      ? { client_secret: row.secret_hash ?? '', token_endpoint_auth_method: 'client_secret_basic' }
      : { token_endpoint_auth_method: 'none' }),
    application_type: isNativeClient(row) ? 'native' : 'web',
    redirect_uris: row.redirect_uris,
    response_types: usesCode ? ['code'] : [],
    response_modes: ['query'],
    grant_types: [
      ...(usesCode ? ['authorization_code'] : []),
      'refresh_token',
      DEVICE_CODE_GRANT,
      ...(confidential ? ['client_credentials'] : []),
    ],
    scope: PROTOCOL_SCOPES.join(' '),
    [CLIENT_API_SCOPES]: row.scopes,
  };
}

function grantedScopes(payload: ModelPayload, apiResource: string): string[] {
  const words = [memberOf(payload.resources, apiResource), memberOf(payload.openid, 'scope')]
    .filter((s): s is string => typeof s === 'string')
    .flatMap((s) => s.split(' '));
  return [...new Set(words.filter(Boolean))];
}

const epochDate = (seconds: unknown) =>
  typeof seconds === 'number' ? new Date(seconds * 1000) : null;

export type OAuthServiceDeps = {
  clients: OAuthClientsRepository;
  models: Pick<OAuthModelsRepository, 'listGrants' | 'deleteGrants' | 'deleteExpired'>;
  findUser: (id: string) => Promise<UserRow | undefined>;
  /** Refuses scopes the owner's account may not hand out (admin, unless they are an admin). */
  assertMayHoldScopes: (userId: string, scopes: readonly Scope[], field: string) => Promise<void>;
  provider: Pick<Provider, 'AccessToken' | 'ClientCredentials' | 'Grant' | 'Client'>;
  apiResource: string;
  clock: Clock;
  db: Db;
  /** Apps made, re-keyed and deleted, and apps a user disconnects, go to the audit log. */
  audit: Pick<AuditService, 'record'>;
};

export function createOAuthService(deps: OAuthServiceDeps) {
  const { clients, models, provider, apiResource, clock, db } = deps;

  /** Runs a change to an app and writes its audit entry in the same transaction. */
  function audited<T>(
    userId: string,
    action: string,
    clientId: string,
    change: (trx: Db) => Promise<T>,
    details: Record<string, unknown> = {},
  ): Promise<T> {
    return db.transaction().execute(async (trx) => {
      const result = await change(trx);
      await deps.audit.record(
        {
          actorId: userId,
          action,
          subjectUserId: userId,
          target: { type: 'oauth_app', id: clientId },
          details,
          at: clock.now(),
        },
        trx,
      );
      return result;
    });
  }

  /** Rejects what the authorization server itself would refuse to load, naming the field. */
  async function assertLoadable(row: OAuthClientRow) {
    try {
      await provider.Client.validate(clientMetadata(row));
    } catch (error) {
      if (!(error instanceof errors.InvalidClientMetadata)) throw error;
      const message = (error.error_description ?? 'is invalid').replace(/^redirect_uris /, '');
      throw new ValidationError(
        `redirectUris: ${message}`,
        fieldProblems({ redirectUris: message }),
      );
    }
  }

  async function requireOwned(ownerId: string, id: string) {
    const row = await clients.findOwned(ownerId, id);
    if (!row) throw new NotFoundError('OAuth client');
    return row;
  }

  /** The user a token acts for and what it may do: never more than its client may today. */
  async function resolve(
    userId: string,
    client: OAuthClientRow,
    tokenScope: string | undefined,
  ): Promise<AuthenticatedUser | undefined> {
    const user = await deps.findUser(userId);
    if (user?.status !== 'active') return undefined;
    const allowed = new Set<string>(client.scopes);
    const scopes = (tokenScope ?? '')
      .split(' ')
      .filter((s): s is Scope => allowed.has(s) && isOneOf(SCOPES, s));
    return { user, scopes, via: 'token', oauthClientId: client.id };
  }

  const live = (token: { exp?: number | undefined; aud?: string | string[] | undefined }) => {
    const audiences = Array.isArray(token.aud) ? token.aud : [token.aud];
    return (
      token.exp !== undefined &&
      token.exp * 1000 > clock.now().getTime() &&
      audiences.includes(apiResource)
    );
  };

  return {
    async findClientMetadata(clientId: string): Promise<ClientMetadata | undefined> {
      const row = await clients.findById(clientId);
      return row && clientMetadata(row);
    },

    async createClient(
      ownerId: string,
      input: { name: string; redirectUris: string[]; type: OAuthClientType; scopes?: Scope[] },
    ) {
      const secret =
        input.type === 'confidential' ? `${CLIENT_SECRET_PREFIX}${newSecret(32)}` : null;
      const candidate = {
        id: `${CLIENT_ID_PREFIX}${newSecret(16)}`,
        ownerId,
        name: input.name,
        type: input.type,
        redirectUris: [...new Set(input.redirectUris)],
        scopes: [...new Set(input.scopes ?? DEFAULT_SCOPES)],
        secretHash: secret && sha256(secret),
      };
      await deps.assertMayHoldScopes(ownerId, candidate.scopes, 'scopes');
      await assertLoadable({
        id: candidate.id,
        owner_id: ownerId,
        name: candidate.name,
        type: candidate.type,
        redirect_uris: candidate.redirectUris,
        scopes: candidate.scopes,
        secret_hash: candidate.secretHash,
        created_at: clock.now(),
        updated_at: clock.now(),
      });
      const row = await audited(
        ownerId,
        'oauth_app.created',
        candidate.id,
        (trx) => clients.insert(candidate, trx),
        { name: candidate.name, type: candidate.type, scopes: candidate.scopes },
      );
      return { row, clientSecret: secret };
    },

    listClients: (ownerId: string) => clients.listOwned(ownerId),

    getClient: requireOwned,

    async updateClient(
      ownerId: string,
      id: string,
      patch: {
        name?: string | undefined;
        redirectUris?: string[] | undefined;
        scopes?: Scope[] | undefined;
      },
    ) {
      const current = await requireOwned(ownerId, id);
      const redirectUris = patch.redirectUris && [...new Set(patch.redirectUris)];
      const scopes = patch.scopes && [...new Set(patch.scopes)];
      if (scopes) await deps.assertMayHoldScopes(ownerId, scopes, 'scopes');
      await assertLoadable({
        ...current,
        ...(redirectUris && { redirect_uris: redirectUris }),
        ...(scopes && { scopes }),
      });
      const row = await clients.updateOwned(ownerId, id, {
        ...(patch.name !== undefined && { name: patch.name }),
        ...(redirectUris && { redirectUris }),
        ...(scopes && { scopes }),
      });
      if (!row) throw new NotFoundError('OAuth client');
      return row;
    },

    /** A new secret for a confidential client; the old one stops working at once. */
    async rotateSecret(ownerId: string, id: string) {
      const current = await requireOwned(ownerId, id);
      if (current.type !== 'confidential') {
        throw new ConflictError('not_confidential', 'Public clients have no secret.');
      }
      const secret = `${CLIENT_SECRET_PREFIX}${newSecret(32)}`;
      const row = await audited(ownerId, 'oauth_app.secret_rotated', id, async (trx) => {
        const updated = await clients.updateOwned(ownerId, id, { secretHash: sha256(secret) }, trx);
        if (!updated) throw new NotFoundError('OAuth client');
        return updated;
      });
      return { row, clientSecret: secret };
    },

    /** Deleting a client revokes every grant, code and token it holds (cascade). */
    async deleteClient(ownerId: string, id: string) {
      await audited(ownerId, 'oauth_app.deleted', id, async (trx) => {
        if (!(await clients.deleteOwned(ownerId, id, trx))) throw new NotFoundError('OAuth client');
      });
    },

    /** The apps the user has connected, one entry per app. */
    async listGrants(userId: string) {
      const byClient = new Map<
        string,
        {
          clientId: string;
          clientName: string;
          scopes: Set<string>;
          grantedAt: Date;
          expiresAt: Date | null;
        }
      >();
      for (const row of await models.listGrants(userId, clock.now())) {
        const grantedAt = epochDate(row.payload.iat) ?? clock.now();
        const entry = byClient.get(row.client_id) ?? {
          clientId: row.client_id,
          clientName: row.client_name,
          scopes: new Set<string>(),
          grantedAt,
          expiresAt: row.expires_at,
        };
        for (const scope of grantedScopes(row.payload, apiResource)) entry.scopes.add(scope);
        if (grantedAt < entry.grantedAt) entry.grantedAt = grantedAt;
        if (row.expires_at && entry.expiresAt && row.expires_at > entry.expiresAt) {
          entry.expiresAt = row.expires_at;
        }
        byClient.set(row.client_id, entry);
      }
      return [...byClient.values()].map((entry) => ({ ...entry, scopes: [...entry.scopes] }));
    },

    /** Disconnects an app: its grants and every code and token issued under them go. */
    async revokeGrants(userId: string, clientId: string) {
      if ((await models.deleteGrants(userId, clientId)) === 0) {
        throw new NotFoundError('Connected app');
      }
    },

    /**
     * Resolves an OAuth access token to the user it acts for. A client-credentials token acts for
     * the client's owner. Expired (by the injected clock), revoked, foreign-audience tokens, and
     * tokens of deleted clients or suspended users resolve to nothing.
     */
    async authenticateBearer(token: string): Promise<AuthenticatedUser | undefined> {
      if (!OPAQUE_TOKEN.test(token)) return undefined;
      const access = await provider.AccessToken.find(token);
      if (access) {
        if (!live(access) || !access.clientId) return undefined;
        const [client, grant] = await Promise.all([
          clients.findById(access.clientId),
          provider.Grant.find(access.grantId),
        ]);
        if (!client || grant?.accountId !== access.accountId || grant.clientId !== client.id) {
          return undefined;
        }
        return resolve(access.accountId, client, access.scope);
      }
      const credentials = await provider.ClientCredentials.find(token);
      if (!credentials?.clientId || !live(credentials)) return undefined;
      const client = await clients.findById(credentials.clientId);
      return client && resolve(client.owner_id, client, credentials.scope);
    },

    sweepExpired: () => models.deleteExpired(clock.now()),
  };
}

export type OAuthService = ReturnType<typeof createOAuthService>;
