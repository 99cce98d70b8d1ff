import { describe, expect, it } from 'vitest';
import type { UserRow } from '../../db/types.js';
import { createTokenCache, type TokenPrincipal } from './token-cache.js';

const at = (seconds: number) => new Date(Date.UTC(2026, 11, 6) + seconds * 1000);

function principal(userId: string, expiresAt: Date | null = null): TokenPrincipal {
  return {
    user: { id: userId } as UserRow,
    scopes: ['profile'],
    tokenId: `token-of-${userId}`,
    expiresAt,
    lastUsedAt: null,
  };
}

describe('token cache', () => {
  it('answers from memory until its time to live has passed', () => {
    const cache = createTokenCache({ ttlMs: 5_000 });
    cache.set('h', principal('u1'), at(0), cache.epoch());
    expect(cache.get('h', at(4.999))?.user.id).toBe('u1');
    expect(cache.get('h', at(5))).toBeUndefined();
    expect(cache.get('h', at(1))).toBeUndefined();
  });

  it('never answers for a token past its own expiry', () => {
    const cache = createTokenCache({ ttlMs: 5_000 });
    cache.set('h', principal('u1', at(2)), at(0), cache.epoch());
    expect(cache.get('h', at(1))).toBeDefined();
    expect(cache.get('h', at(2))).toBeUndefined();
  });

  it("forgets every token of one account and nobody else's", () => {
    const cache = createTokenCache();
    const epoch = cache.epoch();
    cache.set('a1', principal('a'), at(0), epoch);
    cache.set('a2', principal('a'), at(0), epoch);
    cache.set('b1', principal('b'), at(0), epoch);
    cache.forgetUser('a');
    expect(cache.get('a1', at(1))).toBeUndefined();
    expect(cache.get('a2', at(1))).toBeUndefined();
    expect(cache.get('b1', at(1))?.user.id).toBe('b');
  });

  it('refuses what was read before a change was announced', () => {
    const cache = createTokenCache();
    const readAt = cache.epoch();
    // The database read is in flight when the revocation commits and is announced.
    cache.forgetUser('a');
    cache.set('a1', principal('a'), at(0), readAt);
    expect(cache.get('a1', at(1))).toBeUndefined();
    cache.set('a1', principal('a'), at(0), cache.epoch());
    expect(cache.get('a1', at(1))).toBeDefined();
  });

  it('keeps at most its bound, dropping the longest remembered', () => {
    const cache = createTokenCache({ maxEntries: 2 });
    cache.set('1', principal('u1'), at(0), cache.epoch());
    cache.set('2', principal('u2'), at(0), cache.epoch());
    cache.set('3', principal('u3'), at(0), cache.epoch());
    expect(cache.size()).toBe(2);
    expect(cache.get('1', at(1))).toBeUndefined();
    expect(cache.get('3', at(1))).toBeDefined();
  });

  it('remembers nothing while paused', () => {
    const cache = createTokenCache();
    cache.set('h', principal('u1'), at(0), cache.epoch());
    cache.pause();
    expect(cache.get('h', at(1))).toBeUndefined();
    cache.set('h', principal('u1'), at(1), cache.epoch());
    expect(cache.get('h', at(2))).toBeUndefined();
    cache.resume();
    cache.set('h', principal('u1'), at(2), cache.epoch());
    expect(cache.get('h', at(3))).toBeDefined();
  });
});
