import { deletedCount } from '../../db/affected-rows.js';
import type { Db } from '../../db/database.js';
import type { UserRow } from '../../db/types.js';

export function createSessionsRepository(db: Db) {
  return {
    async insert(session: {
      idHash: string;
      userId: string;
      expiresAt: Date;
      userAgent: string | null;
    }) {
      await db
        .insertInto('sessions')
        .values({
          id_hash: session.idHash,
          user_id: session.userId,
          expires_at: session.expiresAt,
          user_agent: session.userAgent,
        })
        .execute();
    },

    async findActiveWithUser(idHash: string, now: Date): Promise<UserRow | undefined> {
      return db
        .selectFrom('sessions')
        .innerJoin('users', 'users.id', 'sessions.user_id')
        .selectAll('users')
        .where('sessions.id_hash', '=', idHash)
        .where('sessions.expires_at', '>', now)
        .where('users.status', '=', 'active')
        .executeTakeFirst();
    },

    async delete(idHash: string) {
      await db.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
    },

    async deleteForUser(userId: string, exceptIdHash?: string) {
      let query = db.deleteFrom('sessions').where('user_id', '=', userId);
      if (exceptIdHash) query = query.where('id_hash', '!=', exceptIdHash);
      await query.execute();
    },

    async deleteExpired(now: Date): Promise<number> {
      return deletedCount(db.deleteFrom('sessions').where('expires_at', '<=', now));
    },
  };
}

export type SessionsRepository = ReturnType<typeof createSessionsRepository>;
