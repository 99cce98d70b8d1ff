import { sql } from 'kysely';
import { deletedCount } from '../../db/affected-rows.js';
import type { Db } from '../../db/database.js';

export type ModelPayload = Record<string, unknown>;
export type StoredModel = { payload: ModelPayload; consumedAt: Date | null };

export type ModelRow = {
  kind: string;
  id: string;
  payload: ModelPayload;
  grantId: string | null;
  userCode: string | null;
  uid: string | null;
  clientId: string | null;
  accountId: string | null;
  expiresAt: Date | null;
};

export type GrantRow = {
  id: string;
  payload: ModelPayload;
  client_id: string;
  client_name: string;
  expires_at: Date | null;
};

/**
 * The authorization server's storage: one row per artefact, looked up by (kind, id) and a few
 * secondary keys. Expired rows are invisible before the sweep removes them.
 */
export function createOAuthModelsRepository(db: Db) {
  const live = (now: Date) => sql<boolean>`(expires_at is null or expires_at > ${now})`;

  /** The account's grants (to one client, or to any) with every code and token issued under them. */
  function deleteGrantsOf(accountId: string, clientId: string | undefined): Promise<number> {
    return db.transaction().execute(async (trx) => {
      let grants = trx
        .deleteFrom('oauth_models')
        .where('kind', '=', 'Grant')
        .where('account_id', '=', accountId);
      if (clientId !== undefined) grants = grants.where('client_id', '=', clientId);
      const ids = (await grants.returning('id').execute()).map((g) => g.id);
      if (ids.length) await trx.deleteFrom('oauth_models').where('grant_id', 'in', ids).execute();
      return ids.length;
    });
  }

  return {
    async upsert(row: ModelRow): Promise<void> {
      const values = {
        payload: JSON.stringify(row.payload),
        grant_id: row.grantId,
        user_code: row.userCode,
        uid: row.uid,
        client_id: row.clientId,
        account_id: row.accountId,
        expires_at: row.expiresAt,
      };
      await db
        .insertInto('oauth_models')
        .values({ kind: row.kind, id: row.id, ...values })
        .onConflict((oc) => oc.columns(['kind', 'id']).doUpdateSet(values))
        .execute();
    },

    async find(kind: string, id: string, now: Date): Promise<StoredModel | undefined> {
      const row = await db
        .selectFrom('oauth_models')
        .select(['payload', 'consumed_at'])
        .where('kind', '=', kind)
        .where('id', '=', id)
        .where(live(now))
        .executeTakeFirst();
      return row && { payload: row.payload, consumedAt: row.consumed_at };
    },

    async findBy(
      kind: string,
      column: 'uid' | 'user_code',
      value: string,
      now: Date,
    ): Promise<StoredModel | undefined> {
      const row = await db
        .selectFrom('oauth_models')
        .select(['payload', 'consumed_at'])
        .where('kind', '=', kind)
        .where(column, '=', value)
        .where(live(now))
        .executeTakeFirst();
      return row && { payload: row.payload, consumedAt: row.consumed_at };
    },

    /** Marks a one-time artefact used; false if it was already (another instance won the race). */
    async consume(kind: string, id: string, now: Date): Promise<boolean> {
      const row = await db
        .updateTable('oauth_models')
        .set({ consumed_at: now })
        .where('kind', '=', kind)
        .where('id', '=', id)
        .where('consumed_at', 'is', null)
        .returning('id')
        .executeTakeFirst();
      return row !== undefined;
    },

    async destroy(kind: string, id: string): Promise<void> {
      await db.deleteFrom('oauth_models').where('kind', '=', kind).where('id', '=', id).execute();
    },

    async deleteByGrantId(grantId: string): Promise<void> {
      await db.deleteFrom('oauth_models').where('grant_id', '=', grantId).execute();
    },

    /** The account's live grants with the client's name, newest first. */
    async listGrants(accountId: string, now: Date): Promise<GrantRow[]> {
      return db
        .selectFrom('oauth_models as m')
        .innerJoin('oauth_clients as c', 'c.id', 'm.client_id')
        .select(['m.id', 'm.payload', 'c.id as client_id', 'c.name as client_name', 'm.expires_at'])
        .where('m.kind', '=', 'Grant')
        .where('m.account_id', '=', accountId)
        .where(live(now))
        .orderBy(sql`m.payload->>'iat'`, 'desc')
        .execute();
    },

    async grantIds(accountId: string, clientId: string, now: Date): Promise<string[]> {
      const rows = await db
        .selectFrom('oauth_models')
        .select('id')
        .where('kind', '=', 'Grant')
        .where('account_id', '=', accountId)
        .where('client_id', '=', clientId)
        .where(live(now))
        .orderBy(sql`payload->>'iat'`, 'desc')
        .execute();
      return rows.map((r) => r.id);
    },

    /** Removes the account's grants to the client and every code and token issued under them. */
    deleteGrants: (accountId: string, clientId: string) => deleteGrantsOf(accountId, clientId),

    /** Every app the account connected: grants and the codes and tokens issued under them. */
    deleteAllGrants: (accountId: string) => deleteGrantsOf(accountId, undefined),

    async deleteExpired(now: Date): Promise<number> {
      return deletedCount(db.deleteFrom('oauth_models').where('expires_at', '<=', now));
    },
  };
}

export type OAuthModelsRepository = ReturnType<typeof createOAuthModelsRepository>;
