import { sql } from 'kysely';
import { deletedAny } from '../../db/affected-rows.js';
import type { Db } from '../../db/database.js';
import type { UserRow } from '../../db/types.js';

export type AccessKeyRow = {
  id: string;
  name: string;
  created_at: Date;
  last_used_at: Date | null;
};

const publicColumns = ['id', 'name', 'created_at', 'last_used_at'] as const;

/** How stale a key's "last used" time may be: one write a minute at most, not one per request. */
const LAST_USED_PRECISION = '1 minute';

export function createAccessKeysRepository(db: Db) {
  return {
    async insert(
      key: {
        id: string;
        userId: string;
        name: string;
        ciphertext: string;
        encryptionKeyId: string;
      },
      trx: Db = db,
    ): Promise<AccessKeyRow> {
      return trx
        .insertInto('mturk_access_keys')
        .values({
          id: key.id,
          user_id: key.userId,
          name: key.name,
          secret_ciphertext: key.ciphertext,
          encryption_key_id: key.encryptionKeyId,
        })
        .returning(publicColumns)
        .executeTakeFirstOrThrow();
    },

    async countForUser(userId: string): Promise<number> {
      const row = await db
        .selectFrom('mturk_access_keys')
        .select((eb) => eb.fn.countAll<string>().as('count'))
        .where('user_id', '=', userId)
        .executeTakeFirstOrThrow();
      return Number(row.count);
    },

    async listForUser(userId: string): Promise<AccessKeyRow[]> {
      return db
        .selectFrom('mturk_access_keys')
        .select(publicColumns)
        .where('user_id', '=', userId)
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .execute();
    },

    async deleteForUser(userId: string, id: string, trx: Db = db): Promise<boolean> {
      return deletedAny(
        trx.deleteFrom('mturk_access_keys').where('id', '=', id).where('user_id', '=', userId),
      );
    },

    /** A key and its owner, only while the owner's account is active. */
    async findWithActiveUser(
      id: string,
    ): Promise<{ user: UserRow; ciphertext: string; lastUsedAt: Date | null } | undefined> {
      const found = await db
        .selectFrom('mturk_access_keys as k')
        .innerJoin('users as u', 'u.id', 'k.user_id')
        .selectAll('u')
        .select(['k.secret_ciphertext as key_ciphertext', 'k.last_used_at as key_used_at'])
        .where('k.id', '=', id)
        .where('u.status', '=', 'active')
        .executeTakeFirst();
      if (!found) return undefined;
      const { key_ciphertext, key_used_at, ...user } = found;
      return { user, ciphertext: key_ciphertext, lastUsedAt: key_used_at };
    },

    /** Records a use, unless one was recorded within the last minute (then it writes nothing). */
    async markUsed(id: string, now: Date): Promise<void> {
      await db
        .updateTable('mturk_access_keys')
        .set({ last_used_at: now })
        .where('id', '=', id)
        .where((eb) =>
          eb.or([
            eb('last_used_at', 'is', null),
            eb(
              'last_used_at',
              '<=',
              sql<Date>`${now}::timestamptz - ${LAST_USED_PRECISION}::interval`,
            ),
          ]),
        )
        .execute();
    },

    /** Keys whose secret was sealed with another server key than `keyId` (after a rotation). */
    async listSealedWithOtherKey(
      keyId: string,
    ): Promise<{ id: string; ciphertext: string; encryptionKeyId: string }[]> {
      return db
        .selectFrom('mturk_access_keys')
        .select(['id', 'secret_ciphertext as ciphertext', 'encryption_key_id as encryptionKeyId'])
        .where('encryption_key_id', '<>', keyId)
        .execute();
    },

    /** Replaces a sealed secret, unless another instance resealed it first. */
    async reseal(
      id: string,
      before: string,
      after: { ciphertext: string; encryptionKeyId: string },
    ): Promise<void> {
      await db
        .updateTable('mturk_access_keys')
        .set({ secret_ciphertext: after.ciphertext, encryption_key_id: after.encryptionKeyId })
        .where('id', '=', id)
        .where('secret_ciphertext', '=', before)
        .execute();
    },
  };
}

export type AccessKeysRepository = ReturnType<typeof createAccessKeysRepository>;
