import type { Config } from '../../config.js';
import type { Db } from '../../db/database.js';
import type { Clock } from '../../lib/clock.js';
import type { Sweep } from '../../sweeps/runner.js';
import type { AuditService } from '../audit/audit.service.js';
import type { AccountsService } from '../accounts/accounts.service.js';
import { createOAuthClientsRepository } from './oauth-clients.repository.js';
import { createOAuthInteractionsService } from './oauth-interactions.service.js';
import { createOAuthModelsRepository } from './oauth-models.repository.js';
import { createServerSecrets } from '../../db/server-secrets.js';
import { createOAuthAdapterFactory } from './oauth.adapter.js';
import { loadCookieKeys, loadSigningKeys } from './oauth.keys.js';
import { createOAuthProvider } from './oauth.provider.js';
import { clientMetadata, createOAuthService } from './oauth.service.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The OAuth2 / OpenID Connect authorization server and the services around it. Async because the
 * signing and cookie keys come from the database (created on first start).
 */
export async function createOAuth(deps: {
  db: Db;
  config: Pick<Config, 'publicUrl' | 'sessionSecret'>;
  clock: Clock;
  accounts: Pick<AccountsService, 'authenticateSession' | 'assertMayHoldScopes' | 'findUser'>;
  audit: Pick<AuditService, 'record'>;
}) {
  const { db, clock } = deps;
  const clients = createOAuthClientsRepository(db);
  const models = createOAuthModelsRepository(db);
  const secrets = createServerSecrets(db);

  const issuer = deps.config.publicUrl.replace(/\/+$/, '');
  const apiResource = `${issuer}/api/v1`;
  const [jwks, cookieKeys] = await Promise.all([
    loadSigningKeys(secrets),
    loadCookieKeys(secrets, deps.config.sessionSecret),
  ]);
  const grantIds = (accountId: string, clientId: string) =>
    models.grantIds(accountId, clientId, clock.now());

  const provider = createOAuthProvider({
    issuer,
    apiResource,
    jwks,
    cookieKeys,
    adapter: createOAuthAdapterFactory({
      models,
      clock,
      findClient: async (id) => {
        const row = await clients.findById(id);
        return row && clientMetadata(row);
      },
    }),
    findActiveUserId: async (id) => {
      if (!UUID.test(id)) return undefined;
      const user = await deps.accounts.findUser(id);
      return user?.status === 'active' ? user.id : undefined;
    },
    sessionUserId: async (token) => (await deps.accounts.authenticateSession(token))?.user.id,
    grantIds,
  });

  const service = createOAuthService({
    clients,
    models,
    findUser: deps.accounts.findUser,
    assertMayHoldScopes: deps.accounts.assertMayHoldScopes,
    provider,
    apiResource,
    clock,
    db,
    audit: deps.audit,
  });
  const interactions = createOAuthInteractionsService({ provider, clients, grantIds, apiResource });
  return { provider, service, interactions, issuer, apiResource };
}

export type OAuth = Awaited<ReturnType<typeof createOAuth>>;

/** Removes expired codes, tokens, sessions and grants (they are already ignored when read). */
export function createOAuthSweep(oauth: Pick<OAuth, 'service'>): Sweep {
  return {
    name: 'expired-oauth-artefacts',
    intervalMs: 10 * 60_000,
    run: () => oauth.service.sweepExpired(),
  };
}
