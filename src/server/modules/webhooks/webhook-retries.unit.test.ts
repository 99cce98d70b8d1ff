import { describe, expect, it } from 'vitest';
import { nextAttemptAt, retryDelayMs, verdictOf } from './webhook-retries.js';

describe('retryDelayMs', () => {
  it('doubles from 30 s up to 4 h, spread ±20 %', () => {
    expect([1, 2, 3, 4].map((n) => retryDelayMs(n, () => 0.5))).toEqual([
      30_000, 60_000, 120_000, 240_000,
    ]);
    expect(retryDelayMs(30, () => 0.5)).toBe(4 * 60 * 60_000);
    expect(retryDelayMs(1, () => 0)).toBe(24_000);
    expect(retryDelayMs(1, () => 1)).toBe(36_000);
  });
});

describe('nextAttemptAt', () => {
  const now = new Date('2026-12-07T10:00:00Z');
  it('never waits past the end of the window, and gives up once it has closed', () => {
    const closes = new Date(now.getTime() + 10_000);
    expect(nextAttemptAt(now, 3, closes, () => 0.5)).toEqual(closes);
    expect(nextAttemptAt(closes, 4, closes)).toBeNull();
  });
});

describe('verdictOf', () => {
  it.each([
    [200, 'delivered'],
    [204, 'delivered'],
    [301, 'failed'],
    [400, 'failed'],
    [404, 'failed'],
    [408, 'retry'],
    [429, 'retry'],
    [500, 'retry'],
    [503, 'retry'],
  ] as const)('an answer %i is %s', (statusCode, verdict) => {
    expect(verdictOf({ kind: 'answered', statusCode, body: '' })).toBe(verdict);
  });

  it('retries when nobody answered', () => {
    expect(verdictOf({ kind: 'unreachable', error: 'ETIMEDOUT' })).toBe('retry');
  });
});
