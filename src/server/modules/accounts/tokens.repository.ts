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

    /** Resolves a token to its active user, marking it used, in one statement. */
    async useToken(
      tokenHash: string,
      now: Date,
    ): Promise<{ user: UserRow; scopes: string[]; tokenId: string } | undefined> {
      const token = await db
        .updateTable('api_tokens')
        .set({ last_used_at: now })
        .where('token_hash', '=', tokenHash)
        .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', now)]))
        .returning(['id', 'user_id', 'scopes'])
        .executeTakeFirst();
      if (!token) return undefined;
      const user = await db
        .selectFrom('users')
        .selectAll()
        .where('id', '=', token.user_id)
        .where('status', '=', 'active')
        .executeTakeFirst();
      return user ? { user, scopes: token.scopes, tokenId: token.id } : undefined;
    },
  };
}

export type TokensRepository = ReturnType<typeof createTokensRepository>;
