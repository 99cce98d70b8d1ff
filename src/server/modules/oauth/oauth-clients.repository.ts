import { sql } from 'kysely';
import type { Scope } from '../../../shared/scopes.js';
import { deletedAny } from '../../db/affected-rows.js';
import type { Db } from '../../db/database.js';
import type { OauthClients } from '../../db/schema.js';

export type OAuthClientRow = {
  id: string;
  owner_id: string;
  name: string;
  type: OauthClients['type'];
  redirect_uris: string[];
  scopes: Scope[];
  secret_hash: string | null;
  created_at: Date;
  updated_at: Date;
};

const columns = [
  'id',
  'owner_id',
  'name',
  'type',
  'redirect_uris',
  'scopes',
  'secret_hash',
  'created_at',
  'updated_at',
] as const;

export function createOAuthClientsRepository(db: Db) {
  return {
    async insert(
      client: {
        id: string;
        ownerId: string;
        name: string;
        type: OAuthClientRow['type'];
        redirectUris: string[];
        scopes: Scope[];
        secretHash: string | null;
      },
      trx: Db = db,
    ): Promise<OAuthClientRow> {
      return trx
        .insertInto('oauth_clients')
        .values({
          id: client.id,
          owner_id: client.ownerId,
          name: client.name,
          type: client.type,
          redirect_uris: client.redirectUris,
          scopes: client.scopes,
          secret_hash: client.secretHash,
        })
        .returning(columns)
        .executeTakeFirstOrThrow();
    },

    async findById(id: string): Promise<OAuthClientRow | undefined> {
      return db.selectFrom('oauth_clients').select(columns).where('id', '=', id).executeTakeFirst();
    },

    async findOwned(ownerId: string, id: string): Promise<OAuthClientRow | undefined> {
      return db
        .selectFrom('oauth_clients')
        .select(columns)
        .where('id', '=', id)
        .where('owner_id', '=', ownerId)
        .executeTakeFirst();
    },

    async listOwned(ownerId: string): Promise<OAuthClientRow[]> {
      return db
        .selectFrom('oauth_clients')
        .select(columns)
        .where('owner_id', '=', ownerId)
        .orderBy('created_at', 'desc')
        .orderBy('id')
        .execute();
    },

    async updateOwned(
      ownerId: string,
      id: string,
      patch: { name?: string; redirectUris?: string[]; scopes?: Scope[]; secretHash?: string },
      trx: Db = db,
    ): Promise<OAuthClientRow | undefined> {
      return trx
        .updateTable('oauth_clients')
        .set({
          ...(patch.name !== undefined && { name: patch.name }),
          ...(patch.redirectUris !== undefined && { redirect_uris: patch.redirectUris }),
          ...(patch.scopes !== undefined && { scopes: patch.scopes }),
          ...(patch.secretHash !== undefined && { secret_hash: patch.secretHash }),
          updated_at: sql<Date>`now()`,
        })
        .where('id', '=', id)
        .where('owner_id', '=', ownerId)
        .returning(columns)
        .executeTakeFirst();
    },

    /** Its grants, codes and tokens go with it (foreign keys cascade). */
    async deleteOwned(ownerId: string, id: string, trx: Db = db): Promise<boolean> {
      return deletedAny(
        trx.deleteFrom('oauth_clients').where('id', '=', id).where('owner_id', '=', ownerId),
      );
    },
  };
}

export type OAuthClientsRepository = ReturnType<typeof createOAuthClientsRepository>;
