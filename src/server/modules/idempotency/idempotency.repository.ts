import type { Db } from '../../db/database.js';

/**
 * An Idempotency-Key as it is scoped: one caller's key on one route. `rememberSeconds` is how long
 * the key binds its first request (MTurk's UniqueRequestToken: a day); without it, forever.
 */
export type IdempotencyScope = {
  callerId: string;
  route: string;
  key: string;
  rememberSeconds?: number;
};

export function createIdempotencyRepository(db: Db) {
  const where = (scope: IdempotencyScope) => ({
    caller_id: scope.callerId,
    route: scope.route,
    key: scope.key,
  });

  /** The moment before which the key's record is forgotten, or undefined when it never is. */
  const forgottenBefore = (scope: IdempotencyScope, now: Date) =>
    scope.rememberSeconds === undefined
      ? undefined
      : new Date(now.getTime() - scope.rememberSeconds * 1000);

  return {
    /**
     * Takes the key for the caller's transaction; false when it is already taken (and still
     * remembered at `now`). A forgotten record is taken over in the same statement. A transaction
     * that holds the same key and has not ended makes this wait, on the primary key, until it
     * commits (then the key is taken) or rolls back (then it is ours).
     */
    async claim(trx: Db, scope: IdempotencyScope, requestHash: string, now: Date) {
      const cutoff = forgottenBefore(scope, now);
      const claimed = await trx
        .insertInto('idempotency_keys')
        .values({ ...where(scope), request_hash: requestHash, created_at: now })
        .onConflict((oc) => {
          const conflict = oc.columns(['caller_id', 'route', 'key']);
          if (cutoff === undefined) return conflict.doNothing();
          return conflict
            .doUpdateSet({ request_hash: requestHash, resource_id: null, created_at: now })
            .where('idempotency_keys.created_at', '<=', cutoff);
        })
        .returning('key')
        .executeTakeFirst();
      return claimed !== undefined;
    },

    /** The key's record, unless it is forgotten at `now`. */
    async find(scope: IdempotencyScope, now: Date, trx: Db = db) {
      const key = where(scope);
      const cutoff = forgottenBefore(scope, now);
      let query = trx
        .selectFrom('idempotency_keys')
        .select(['request_hash', 'resource_id'])
        .where('caller_id', '=', key.caller_id)
        .where('route', '=', key.route)
        .where('key', '=', key.key);
      if (cutoff !== undefined) query = query.where('created_at', '>', cutoff);
      return query.executeTakeFirst();
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
