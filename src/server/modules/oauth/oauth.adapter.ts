import { errors, type Adapter, type AdapterFactory, type AdapterPayload } from 'oidc-provider';
import type { Clock } from '../../lib/clock.js';
import { sha256 } from '../../lib/secrets.js';
import type {
  ModelPayload,
  OAuthModelsRepository,
  StoredModel,
} from './oauth-models.repository.js';

/**
 * Bearer secrets whose value is their id. They are stored under their SHA-256 (and without the
 * `jti` in the payload), so a copy of the database holds no usable token. Other kinds are found
 * by secondary keys too (sessions by uid, device codes by user code) and must keep their id.
 */
const HASHED_KINDS = new Set([
  'AccessToken',
  'RefreshToken',
  'AuthorizationCode',
  'ClientCredentials',
]);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const text = (value: unknown) => (typeof value === 'string' ? value : null);

/** oidc-provider's storage, in PostgreSQL (or PGlite) through the models repository. */
export function createOAuthAdapterFactory(deps: {
  models: OAuthModelsRepository;
  clock: Clock;
  /** Clients live in their own table, managed by the registration API. */
  findClient: (clientId: string) => Promise<AdapterPayload | undefined>;
}): AdapterFactory {
  const { models, clock } = deps;

  const clientAdapter: Adapter = {
    find: (id) => deps.findClient(id),
    upsert: readOnly,
    findByUid: readOnly,
    findByUserCode: readOnly,
    consume: readOnly,
    destroy: readOnly,
    revokeByGrantId: readOnly,
  };

  function modelAdapter(kind: string): Adapter {
    const hashed = HASHED_KINDS.has(kind);
    const key = (id: string) => (hashed ? sha256(id) : id);
    const reveal = (stored: StoredModel | undefined, id?: string): AdapterPayload | undefined => {
      if (!stored) return undefined;
      return {
        // Stored by upsert below from the provider's own payload, read back as it was written.
        ...(stored.payload as AdapterPayload),
        ...(hashed && id !== undefined && { jti: id }),
        ...(stored.consumedAt && { consumed: Math.floor(stored.consumedAt.getTime() / 1000) }),
      };
    };

    return {
      async upsert(id, payload, expiresIn) {
        const stored: ModelPayload = { ...payload };
        if (hashed) delete stored.jti;
        const accountId = text(payload.accountId);
        await models.upsert({
          kind,
          id: key(id),
          payload: stored,
          grantId: text(payload.grantId),
          userCode: text(payload.userCode),
          uid: text(payload.uid),
          clientId: text(payload.clientId),
          accountId: accountId && UUID.test(accountId) ? accountId : null,
          expiresAt: expiresIn ? new Date(clock.now().getTime() + expiresIn * 1000) : null,
        });
      },
      async find(id) {
        return reveal(await models.find(kind, key(id), clock.now()), id);
      },
      async findByUid(uid) {
        return reveal(await models.findBy(kind, 'uid', uid, clock.now()));
      },
      async findByUserCode(userCode) {
        return reveal(await models.findBy(kind, 'user_code', userCode, clock.now()));
      },
      async consume(id) {
        // Atomic, so a code or refresh token presented to two instances at once is used once.
        if (!(await models.consume(kind, key(id), clock.now()))) {
          throw new errors.InvalidGrant(`${kind} already used`);
        }
      },
      async destroy(id) {
        await models.destroy(kind, key(id));
      },
      async revokeByGrantId(grantId) {
        await models.deleteByGrantId(grantId);
      },
    };
  }

  return (kind) => (kind === 'Client' ? clientAdapter : modelAdapter(kind));
}

async function readOnly(): Promise<never> {
  throw new Error('OAuth clients are managed through /api/v1/oauth-clients only');
}
