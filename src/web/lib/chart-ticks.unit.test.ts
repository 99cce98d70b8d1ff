import { describe, expect, it } from 'vitest';
import { niceTicks } from './chart-ticks.js';

describe('niceTicks', () => {
  it('steps by 1, 2 or 5 times a power of ten up to at least the maximum', () => {
    expect(niceTicks(370)).toEqual([0, 100, 200, 300, 400]);
    expect(niceTicks(90)).toEqual([0, 50, 100]);
    expect(niceTicks(1_000)).toEqual([0, 500, 1_000]);
    expect(niceTicks(7)).toEqual([0, 2, 4, 6, 8]);
    expect(niceTicks(1)).toEqual([0, 1]);
  });

  it('draws an axis up to emptyTop when there is nothing to show', () => {
    expect(niceTicks(0)).toEqual([0, 1]);
    expect(niceTicks(0, { emptyTop: 100 })).toEqual([0, 100]);
  });

  it('never has more than count steps and always reaches the maximum', () => {
    for (const max of [1, 3, 9, 11, 99, 101, 149, 999, 12_345, 1_000_001]) {
      const ticks = niceTicks(max);
      expect(ticks[0]).toBe(0);
      expect(ticks.at(-1)).toBeGreaterThanOrEqual(max);
      expect(ticks.length - 1).toBeLessThanOrEqual(4);
      expect(ticks.every((t) => Number.isInteger(t))).toBe(true);
    }
  });
});
