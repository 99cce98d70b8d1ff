import type { UserRow } from '../../db/types.js';
import type { Scope } from '../../../shared/scopes.js';

/** What a personal access token resolved to, as the token check reads it from the database. */
export type TokenPrincipal = {
  user: UserRow;
  scopes: Scope[];
  tokenId: string;
  expiresAt: Date | null;
  /** Kept current by the token check, which writes it at most once a minute. */
  lastUsedAt: Date | null;
};

/** Read the database again after this long, whatever happened (the bound on any missed change). */
export const TOKEN_CACHE_TTL_MS = 5_000;
/** Tokens remembered at once; the oldest go first past this. */
export const TOKEN_CACHE_MAX_ENTRIES = 10_000;

/**
 * Personal access tokens this instance resolved in the last few seconds, by token hash, so a
 * client's next requests skip the database read (a token check was a quarter of an authenticated
 * request's server CPU, and a round trip to PostgreSQL on every request).
 *
 * Whatever changes what a token may do (the token deleted, every token of an account revoked,
 * the account suspended, its roles or verified email changed) calls `forgetUser` once it has
 * committed, on every instance (see credential-changes.ts), so the change is seen on the next
 * request rather than after the TTL.
 *
 * A lookup that started before a `forget` could bring back what was just forgotten: `epoch()`
 * is taken before the read and `set` refuses a result read under an earlier epoch.
 */
export function createTokenCache(options: { ttlMs?: number; maxEntries?: number } = {}) {
  const ttlMs = options.ttlMs ?? TOKEN_CACHE_TTL_MS;
  const maxEntries = options.maxEntries ?? TOKEN_CACHE_MAX_ENTRIES;
  const entries = new Map<string, { principal: TokenPrincipal; until: number }>();
  let epoch = 0;
  let paused = false;

  return {
    epoch: () => epoch,

    get(tokenHash: string, now: Date): TokenPrincipal | undefined {
      if (paused) return undefined;
      const entry = entries.get(tokenHash);
      if (!entry) return undefined;
      const at = now.getTime();
      const expired =
        entry.principal.expiresAt !== null && entry.principal.expiresAt.getTime() <= at;
      if (entry.until <= at || expired) {
        entries.delete(tokenHash);
        return undefined;
      }
      return entry.principal;
    },

    set(tokenHash: string, principal: TokenPrincipal, now: Date, readAtEpoch: number) {
      if (paused || readAtEpoch !== epoch) return;
      entries.delete(tokenHash);
      entries.set(tokenHash, { principal, until: now.getTime() + ttlMs });
      // Maps iterate in insertion order: the first key is the longest remembered.
      if (entries.size > maxEntries) {
        const oldest = entries.keys().next().value;
        if (oldest !== undefined) entries.delete(oldest);
      }
    },

    /** Forgets every token of this account on this instance. */
    forgetUser(userId: string) {
      epoch += 1;
      for (const [hash, entry] of entries) {
        if (entry.principal.user.id === userId) entries.delete(hash);
      }
    },

    /**
     * Forgets everything and remembers nothing until `resume`: while this instance cannot hear
     * other instances' changes (Redis unreachable), it reads every token from the database.
     */
    pause() {
      paused = true;
      epoch += 1;
      entries.clear();
    },

    resume() {
      paused = false;
    },

    size: () => entries.size,
  };
}

export type TokenCache = ReturnType<typeof createTokenCache>;
