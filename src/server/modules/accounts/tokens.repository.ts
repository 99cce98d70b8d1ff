import type { Db } from '../../db/database.js';
import type { UserRow } from '../../db/types.js';

export type TokenRow = {
  id: string;
  name: string;
  token_prefix: string;
  scopes: string[];
  created_at: Date;
  last_used_at: Date | null;
  expires_at: Date | null;
};

/** How stale a token's "last used" time may be. */
const LAST_USED_PRECISION_MS = 60_000;

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
    async insert(token: {
      userId: string;
      name: string;
      tokenHash: string;
      prefix: string;
      scopes: string[];
      expiresAt: Date | null;
    }): Promise<TokenRow> {
      return db
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

    async deleteForUser(userId: string, id: string): Promise<boolean> {
      const result = await db
        .deleteFrom('api_tokens')
        .where('id', '=', id)
        .where('user_id', '=', userId)
        .executeTakeFirst();
      return result.numDeletedRows > 0n;
    },

    async deleteAllForUser(userId: string): Promise<number> {
      const result = await db
        .deleteFrom('api_tokens')
        .where('user_id', '=', userId)
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },

    /**
     * Resolves a token to its active user in one read, and marks it used at most once a
     * minute: writing `last_used_at` on every request made every API read a durable write.
     */
    async useToken(
      tokenHash: string,
      now: Date,
    ): Promise<{ user: UserRow; scopes: string[]; tokenId: string } | undefined> {
      const found = await db
        .selectFrom('api_tokens as t')
        .innerJoin('users as u', 'u.id', 't.user_id')
        .selectAll('u')
        .select(['t.id as token_id', 't.scopes as token_scopes', 't.last_used_at as token_used_at'])
        .where('t.token_hash', '=', tokenHash)
        .where((eb) => eb.or([eb('t.expires_at', 'is', null), eb('t.expires_at', '>', now)]))
        .where('u.status', '=', 'active')
        .executeTakeFirst();
      if (!found) return undefined;
      const { token_id, token_scopes, token_used_at, ...user } = found;
      if (!token_used_at || now.getTime() - token_used_at.getTime() >= LAST_USED_PRECISION_MS) {
        await db
          .updateTable('api_tokens')
          .set({ last_used_at: now })
          .where('id', '=', token_id)
          .execute();
      }
      return { user, scopes: token_scopes, tokenId: token_id };
    },
  };
}

export type TokensRepository = ReturnType<typeof createTokensRepository>;
