import type { Insertable } from 'kysely';
import { updatedCount } from '../../db/affected-rows.js';
import type { Db } from '../../db/database.js';
import { newestFirstPage, type KeysetRequest } from '../../db/pagination.js';
import type { Notifications } from '../../db/schema.js';

const columns = ['id', 'kind', 'title', 'body', 'link', 'read_at', 'created_at'] as const;

export function createNotificationsRepository(db: Db) {
  return {
    async insertOne(trx: Db, row: Insertable<Notifications>): Promise<string> {
      const inserted = await trx
        .insertInto('notifications')
        .values(row)
        .returning('id')
        .executeTakeFirstOrThrow();
      return inserted.id;
    },

    async insert(trx: Db, rows: Insertable<Notifications>[]): Promise<string[]> {
      if (rows.length === 0) return [];
      const inserted = await trx.insertInto('notifications').values(rows).returning('id').execute();
      return inserted.map((row) => row.id);
    },

    /** Newest first; one row more than `limit` tells whether there is a next page. */
    async list(userId: string, args: KeysetRequest & { unreadOnly: boolean }, trx: Db = db) {
      let query = trx.selectFrom('notifications').select(columns).where('user_id', '=', userId);
      if (args.unreadOnly) query = query.where('read_at', 'is', null);
      return newestFirstPage(query, ['created_at', 'id'], args).execute();
    },

    async unreadCount(userId: string, trx: Db = db): Promise<number> {
      const row = await trx
        .selectFrom('notifications')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('user_id', '=', userId)
        .where('read_at', 'is', null)
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },

    /** Marks the user's unread notifications read: those listed, or all when `ids` is 'all'. */
    async markRead(userId: string, ids: string[] | 'all', now: Date, trx: Db = db) {
      let query = trx
        .updateTable('notifications')
        .set({ read_at: now })
        .where('user_id', '=', userId)
        .where('read_at', 'is', null);
      if (ids !== 'all') query = query.where('id', 'in', ids);
      return updatedCount(query);
    },

    /** Marks the listed read notifications of the user unread again. */
    async markUnread(userId: string, ids: string[], trx: Db = db) {
      return updatedCount(
        trx
          .updateTable('notifications')
          .set({ read_at: null })
          .where('user_id', '=', userId)
          .where('read_at', 'is not', null)
          .where('id', 'in', ids),
      );
    },
  };
}

export type NotificationsRepository = ReturnType<typeof createNotificationsRepository>;
