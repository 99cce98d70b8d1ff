import { deletedAny, deletedCount } from '../../db/affected-rows.js';
import type { Db } from '../../db/database.js';
import type { Scope } from '../../../shared/scopes.js';
import type { TokenPrincipal } from './token-cache.js';

export type TokenRow = {
  id: string;
  name: string;
  token_prefix: string;
  scopes: Scope[];
  created_at: Date;
  last_used_at: Date | null;
  expires_at: Date | null;
};

const publicColumns = [
  'id',
  'name',
  'token_prefix',
  'scopes',
  'created_at',
  'last_used_at',
  'expires_at',
] as const;

export function createTokensRepository(db: Db) {
  return {
    async insert(
      token: {
        userId: string;
        name: string;
        tokenHash: string;
        prefix: string;
        scopes: Scope[];
        expiresAt: Date | null;
      },
      trx: Db = db,
    ): Promise<TokenRow> {
      return trx
        .insertInto('api_tokens')
        .values({
          user_id: token.userId,
          name: token.name,
          token_hash: token.tokenHash,
          token_prefix: token.prefix,
          scopes: token.scopes,
          expires_at: token.expiresAt,
        })
        .returning(publicColumns)
        .executeTakeFirstOrThrow();
    },

    async listForUser(userId: string): Promise<TokenRow[]> {
      return db
        .selectFrom('api_tokens')
        .select(publicColumns)
        .where('user_id', '=', userId)
        .orderBy('created_at', 'desc')
        .execute();
    },

    async deleteForUser(userId: string, id: string, trx: Db = db): Promise<boolean> {
      return deletedAny(
        trx.deleteFrom('api_tokens').where('id', '=', id).where('user_id', '=', userId),
      );
    },

    async deleteAllForUser(userId: string): Promise<number> {
      return deletedCount(db.deleteFrom('api_tokens').where('user_id', '=', userId));
    },

    /** The token's active user, scopes and last use, in one read; nothing for an expired one. */
    async findActive(tokenHash: string, now: Date): Promise<TokenPrincipal | undefined> {
      const found = await db
        .selectFrom('api_tokens as t')
        .innerJoin('users as u', 'u.id', 't.user_id')
        .selectAll('u')
        .select([
          't.id as token_id',
          't.scopes as token_scopes',
          't.last_used_at as token_used_at',
          't.expires_at as token_expires_at',
        ])
        .where('t.token_hash', '=', tokenHash)
        .where((eb) => eb.or([eb('t.expires_at', 'is', null), eb('t.expires_at', '>', now)]))
        .where('u.status', '=', 'active')
        .executeTakeFirst();
      if (!found) return undefined;
      const { token_id, token_scopes, token_used_at, token_expires_at, ...user } = found;
      return {
        user,
        scopes: token_scopes,
        tokenId: token_id,
        expiresAt: token_expires_at,
        lastUsedAt: token_used_at,
      };
    },

    async markUsed(tokenId: string, now: Date) {
      await db
        .updateTable('api_tokens')
        .set({ last_used_at: now })
        .where('id', '=', tokenId)
        .execute();
    },
  };
}

export type TokensRepository = ReturnType<typeof createTokensRepository>;
