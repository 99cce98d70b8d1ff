import { createHash } from 'node:crypto';
import type { Db } from '../../db/database.js';
import { ConflictError } from '../../errors.js';
import { canonicalJson } from '../../lib/canonical-json.js';
import type { Clock } from '../../lib/clock.js';
import type { IdempotencyRepository, IdempotencyScope } from './idempotency.repository.js';

export type { IdempotencyScope } from './idempotency.repository.js';

/** SHA-256 of a request's canonical JSON: the same request in any key order has the same hash. */
export function requestHash(request: unknown): string {
  return createHash('sha256').update(canonicalJson(request)).digest('hex');
}

/**
 * Idempotency-Keys for every route that takes them. A key is scoped to (caller, route) and bound
 * to the request it first came with: the same key and request again answers with what the first
 * request made (`replayed`); the same key with a different request is a 409
 * `idempotency_key_reused` and changes nothing.
 */
export function createIdempotencyKeys(deps: { keys: IdempotencyRepository; clock: Clock }) {
  const { keys, clock } = deps;

  return {
    /**
     * The id of what a key's first request made, or undefined when the key is unused. For an API
     * that answers a reused key with an error naming the earlier result (MTurk's
     * UniqueRequestToken) rather than replaying it.
     */
    async resourceOf(scope: IdempotencyScope): Promise<string | undefined> {
      return (await keys.find(scope, clock.now()))?.resource_id ?? undefined;
    },

    /**
     * Runs `effect` once per key, inside the caller's transaction `trx`; call it before the
     * transaction takes any other lock. The key is claimed first, so a concurrent request with
     * the same key waits for this transaction and then replays its result (or is refused, for a
     * different request); if `effect` fails, the claim rolls back with it and a retry runs anew.
     * `request` is what the call asks for: the parsed body and the path parameters that matter.
     */
    async once<T>(
      trx: Db,
      scope: IdempotencyScope | undefined,
      request: unknown,
      steps: {
        effect: () => Promise<T>;
        /** The id of what `effect` made, kept to replay it. */
        resourceOf: (value: T) => string;
        replay: (resourceId: string) => Promise<T | undefined>;
      },
    ): Promise<{ value: T; replayed: boolean }> {
      if (!scope) return { value: await steps.effect(), replayed: false };
      const hash = requestHash(request);
      const now = clock.now();
      if (await keys.claim(trx, scope, hash, now)) {
        const value = await steps.effect();
        await keys.setResource(trx, scope, steps.resourceOf(value));
        return { value, replayed: false };
      }
      const earlier = await keys.find(scope, now, trx);
      // A key recorded before request hashes were kept has none, and replays as it used to.
      if (earlier?.request_hash && earlier.request_hash !== hash) {
        throw new ConflictError(
          'idempotency_key_reused',
          'This Idempotency-Key was already used for a different request. Send a new key for a new request.',
        );
      }
      const value = earlier?.resource_id ? await steps.replay(earlier.resource_id) : undefined;
      if (value === undefined) {
        throw new Error(`The result of Idempotency-Key ${scope.route} ${scope.key} is missing`);
      }
      return { value, replayed: true };
    },
  };
}

export type IdempotencyKeys = ReturnType<typeof createIdempotencyKeys>;
