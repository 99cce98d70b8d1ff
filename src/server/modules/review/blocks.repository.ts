import { deletedAny } from '../../db/affected-rows.js';
import type { Db } from '../../db/database.js';
import { newestFirstPage, type KeysetRequest } from '../../db/pagination.js';

export function createBlocksRepository(db: Db) {
  return {
    /** A user by id or by handle (handles are unique case-insensitively). */
    async findUser(idOrHandle: string, trx: Db = db) {
      const query = trx.selectFrom('users').select(['id', 'handle', 'display_name']);
      return (
        /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(idOrHandle)
          ? query.where('id', '=', idOrHandle)
          : query.where((eb) => eb(eb.fn('lower', ['handle']), '=', idOrHandle.toLowerCase()))
      ).executeTakeFirst();
    },

    /** Creates the block, or updates its reason (keeping when it started). */
    async upsert(
      args: { requesterId: string; workerId: string; reason: string; now: Date },
      trx: Db = db,
    ) {
      return trx
        .insertInto('blocks')
        .values({
          requester_id: args.requesterId,
          worker_id: args.workerId,
          reason: args.reason,
          created_at: args.now,
        })
        .onConflict((oc) =>
          oc.columns(['requester_id', 'worker_id']).doUpdateSet({ reason: args.reason }),
        )
        .returningAll()
        .executeTakeFirstOrThrow();
    },

    async remove(requesterId: string, workerId: string, trx: Db = db): Promise<boolean> {
      return deletedAny(
        trx
          .deleteFrom('blocks')
          .where('requester_id', '=', requesterId)
          .where('worker_id', '=', workerId),
      );
    },

    async list(requesterId: string, page: KeysetRequest, trx: Db = db) {
      const query = trx
        .selectFrom('blocks as b')
        .innerJoin('users as u', 'u.id', 'b.worker_id')
        .select(['b.worker_id as id', 'u.handle', 'u.display_name', 'b.reason', 'b.created_at'])
        .where('b.requester_id', '=', requesterId);
      return newestFirstPage(query, ['b.created_at', 'b.worker_id'], page).execute();
    },
  };
}

export type BlocksRepository = ReturnType<typeof createBlocksRepository>;
export type BlockRow = Awaited<ReturnType<BlocksRepository['list']>>[number];
