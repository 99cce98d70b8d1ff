import type { Db } from '../../db/database.js';

/** An Idempotency-Key as it is scoped: one caller's key on one route. */
export type IdempotencyScope = { callerId: string; route: string; key: string };

export function createIdempotencyRepository(db: Db) {
  const where = (scope: IdempotencyScope) => ({
    caller_id: scope.callerId,
    route: scope.route,
    key: scope.key,
  });

  return {
    /**
     * Takes the key for the caller's transaction; false when it is already taken. A transaction
     * that holds the same key and has not ended makes this wait, on the primary key, until it
     * commits (then the key is taken) or rolls back (then it is ours).
     */
    async claim(trx: Db, scope: IdempotencyScope, requestHash: string): Promise<boolean> {
      const claimed = await trx
        .insertInto('idempotency_keys')
        .values({ ...where(scope), request_hash: requestHash })
        .onConflict((oc) => oc.columns(['caller_id', 'route', 'key']).doNothing())
        .returning('key')
        .executeTakeFirst();
      return claimed !== undefined;
    },

    async find(scope: IdempotencyScope, trx: Db = db) {
      const key = where(scope);
      return trx
        .selectFrom('idempotency_keys')
        .select(['request_hash', 'resource_id'])
        .where('caller_id', '=', key.caller_id)
        .where('route', '=', key.route)
        .where('key', '=', key.key)
        .executeTakeFirst();
    },

    async setResource(trx: Db, scope: IdempotencyScope, resourceId: string): Promise<void> {
      const key = where(scope);
      await trx
        .updateTable('idempotency_keys')
        .set({ resource_id: resourceId })
        .where('caller_id', '=', key.caller_id)
        .where('route', '=', key.route)
        .where('key', '=', key.key)
        .execute();
    },
  };
}

export type IdempotencyRepository = ReturnType<typeof createIdempotencyRepository>;
