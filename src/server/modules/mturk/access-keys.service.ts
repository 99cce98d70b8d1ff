import { randomBytes } from 'node:crypto';
import {
  ACCESS_KEY_ID_PATTERN,
  ACCESS_KEY_LIMITS,
  type CreateAccessKeyBody,
} from '../../../shared/api/access-keys.js';
import { DEFAULT_SCOPES, type Scope } from '../../../shared/scopes.js';
import type { Db } from '../../db/database.js';
import type { UserRow } from '../../db/types.js';
import { ConflictError, ForbiddenError, NotFoundError } from '../../errors.js';
import type { Clock } from '../../lib/clock.js';
import type { SecretBox } from '../../lib/secret-box.js';
import type { AuthenticatedUser } from '../accounts/accounts.service.js';
import type { AuditService } from '../audit/audit.service.js';
import type { AccessKeyRow, AccessKeysRepository } from './access-keys.repository.js';

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** `TKIA` and 16 base32 characters (80 random bits), 20 characters like an AWS access key id. */
function newAccessKeyId(): string {
  let bits = 0n;
  for (const byte of randomBytes(10)) bits = (bits << 8n) | BigInt(byte);
  let id = '';
  for (let i = 0; i < 16; i++) {
    id = BASE32[Number(bits & 31n)]! + id;
    bits >>= 5n;
  }
  return `TKIA${id}`;
}

/** 40 characters of base64 (240 random bits), like an AWS secret access key. */
const newSecretAccessKey = () => randomBytes(30).toString('base64');

/** What a key may do: what a requester's personal access token may, never admin powers. */
export const ACCESS_KEY_SCOPES: readonly Scope[] = DEFAULT_SCOPES;

export type AccessKeyHolder = { user: UserRow; secretAccessKey: string };

export function createAccessKeysService(deps: {
  db: Db;
  keys: AccessKeysRepository;
  box: SecretBox;
  clock: Clock;
  /** Keys made and deleted are written to the audit log, in the same transaction. */
  audit: Pick<AuditService, 'record'>;
}) {
  const { db, keys, box, clock, audit } = deps;

  const audited = (trx: Db, user: UserRow, action: string, keyId: string, details = {}) =>
    audit.record(
      {
        actorId: user.id,
        action,
        subjectUserId: user.id,
        target: { type: 'access_key', id: keyId },
        details,
        at: clock.now(),
      },
      trx,
    );

  // Keys are managed from a browser session only, as personal access tokens are: a token must
  // not mint a credential wider than itself.
  function requireSession(auth: AuthenticatedUser): UserRow {
    if (auth.via !== 'session') {
      throw new ForbiddenError(
        'Manage access keys from a signed-in browser session.',
        'session_required',
      );
    }
    return auth.user;
  }

  return {
    async create(
      auth: AuthenticatedUser,
      body: CreateAccessKeyBody,
    ): Promise<{ row: AccessKeyRow; secretAccessKey: string }> {
      const user = requireSession(auth);
      if ((await keys.countForUser(user.id)) >= ACCESS_KEY_LIMITS.perUserMax) {
        throw new ConflictError(
          'access_key_limit',
          `An account may hold at most ${ACCESS_KEY_LIMITS.perUserMax} access keys; delete one you no longer use first.`,
          { limit: ACCESS_KEY_LIMITS.perUserMax },
        );
      }
      const secretAccessKey = newSecretAccessKey();
      const sealed = box.seal(secretAccessKey);
      const row = await db.transaction().execute(async (trx) => {
        const inserted = await keys.insert(
          {
            id: newAccessKeyId(),
            userId: user.id,
            name: body.name,
            ciphertext: sealed.ciphertext,
            encryptionKeyId: sealed.keyId,
          },
          trx,
        );
        await audited(trx, user, 'access_key.created', inserted.id, { name: inserted.name });
        return inserted;
      });
      return { row, secretAccessKey };
    },

    list: (auth: AuthenticatedUser) => keys.listForUser(requireSession(auth).id),

    async delete(auth: AuthenticatedUser, accessKeyId: string): Promise<void> {
      const user = requireSession(auth);
      await db.transaction().execute(async (trx) => {
        // Someone else's key is "not found": its existence is not the caller's business.
        if (!(await keys.deleteForUser(user.id, accessKeyId, trx))) {
          throw new NotFoundError('Access key');
        }
        await audited(trx, user, 'access_key.deleted', accessKeyId);
      });
    },

    /**
     * The key's owner and secret, to check a request's signature; undefined when the key does
     * not exist, was deleted, its owner is suspended or no longer a requester, or its secret
     * cannot be opened with the server's keys. Marks the key used (at most once a minute).
     */
    async holderOf(accessKeyId: string): Promise<AccessKeyHolder | undefined> {
      if (!ACCESS_KEY_ID_PATTERN.test(accessKeyId)) return undefined;
      const found = await keys.findWithActiveUser(accessKeyId);
      if (!found || !found.user.roles.includes('requester')) return undefined;
      const secretAccessKey = box.open(found.ciphertext);
      if (secretAccessKey === undefined) return undefined;
      const now = clock.now();
      if (!found.lastUsedAt || now.getTime() - found.lastUsedAt.getTime() >= 60_000) {
        await keys.markUsed(accessKeyId, now);
      }
      return { user: found.user, secretAccessKey };
    },

    /**
     * After a rotation: seals again, with the current server key, every secret sealed with a
     * previous one. A secret no configured key opens is left as it is (and its key stops
     * working); the count of those is returned so the operator can be told.
     */
    async resealWithCurrentKey(): Promise<{ resealed: number; unreadable: number }> {
      let resealed = 0;
      let unreadable = 0;
      for (const key of await keys.listSealedWithOtherKey(box.currentKeyId)) {
        const secret = box.open(key.ciphertext);
        if (secret === undefined) {
          unreadable++;
          continue;
        }
        const sealed = box.seal(secret);
        await keys.reseal(key.id, key.ciphertext, {
          ciphertext: sealed.ciphertext,
          encryptionKeyId: sealed.keyId,
        });
        resealed++;
      }
      return { resealed, unreadable };
    },
  };
}

export type AccessKeysService = ReturnType<typeof createAccessKeysService>;
