import { describe, expect, it } from 'vitest';
import { binWorkTimes, MAX_BINS } from './work-time-bins.js';

describe('binWorkTimes', () => {
  it('has no bars without work', () => {
    expect(binWorkTimes([])).toEqual([]);
  });

  it('puts one quick answer in a single 1 s bar', () => {
    expect(binWorkTimes([0])).toEqual([{ fromSeconds: 0, toSeconds: 1, count: 1 }]);
  });

  it('picks the smallest round width that needs at most 12 bars, counting every time once', () => {
    const times = [3, 59, 60, 61, 119, 600, 1799];
    const bins = binWorkTimes(times);
    expect(bins.length).toBeLessThanOrEqual(MAX_BINS);
    expect(bins[0]).toMatchObject({ fromSeconds: 0, toSeconds: 300 });
    expect(bins.at(-1)).toMatchObject({ fromSeconds: 1500, toSeconds: 1800, count: 1 });
    expect(bins.reduce((n, b) => n + b.count, 0)).toBe(times.length);
  });

  it('still makes at most 12 bars for times past the largest round width', () => {
    const bins = binWorkTimes([10, 200_000]);
    expect(bins.length).toBeLessThanOrEqual(MAX_BINS);
    expect(bins.reduce((n, b) => n + b.count, 0)).toBe(2);
  });
});
