import type { Clock } from './clock.js';

/**
 * A value read from the database at most once per `ttlMs` (by the clock given), for questions
 * asked on every request whose answer rarely changes — "does anyone subscribe to webhooks at
 * all?". `invalidate` forgets it at once (this instance changed it); another instance's change
 * is seen within `ttlMs`. Concurrent reads while loading share the one query. A caller inside a
 * transaction passes `via` (its transaction) to load it on its own connection (PGlite has only one).
 */
export function cachedValue<T, Via = never>(
  load: (via?: Via) => Promise<T>,
  ttlMs: number,
  clock: Clock,
) {
  let cached: { value: Promise<T>; until: number } | undefined;
  return {
    get(via?: Via): Promise<T> {
      const now = clock.now().getTime();
      if (cached && now < cached.until) return cached.value;
      const value = load(via);
      const entry = { value, until: now + ttlMs };
      cached = entry;
      // A failed read is not kept: the next call tries again.
      value.catch(() => {
        if (cached === entry) cached = undefined;
      });
      return value;
    },
    invalidate(): void {
      cached = undefined;
    },
  };
}
