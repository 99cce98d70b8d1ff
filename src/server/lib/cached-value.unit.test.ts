import { describe, expect, it } from 'vitest';
import { createTestClock } from '../../../test/helpers/clock.js';
import { cachedValue } from './cached-value.js';

describe('cachedValue', () => {
  it('reads once per ttl, again after invalidate, and retries a failed read', async () => {
    const clock = createTestClock();
    let reads = 0;
    let fail = false;
    const value = cachedValue(
      () => {
        reads += 1;
        return fail ? Promise.reject(new Error('down')) : Promise.resolve(reads);
      },
      1_000,
      clock,
    );
    expect(await Promise.all([value.get(), value.get()])).toEqual([1, 1]);
    clock.advance(999);
    expect(await value.get()).toBe(1);
    clock.advance(1);
    expect(await value.get()).toBe(2);
    value.invalidate();
    expect(await value.get()).toBe(3);
    value.invalidate();
    fail = true;
    await expect(value.get()).rejects.toThrow('down');
    fail = false;
    expect(await value.get()).toBe(5);
  });
});
