import type { WorkTimeBin } from '../../../shared/api/work-times.js';

/** Bar widths a person reads at a glance: seconds, then minutes, then hours. */
const STEPS = [1, 2, 5, 10, 15, 20, 30, 60, 120, 300, 600, 900, 1200, 1800, 3600, 7200, 14_400];

/** At most this many bars: enough to see a shape, few enough to label. */
export const MAX_BINS = 12;

/**
 * Equal-width bars from 0 s up to the slowest time, the width the smallest round step that needs
 * at most MAX_BINS bars; empty bars in between are kept so the gaps show.
 */
export function binWorkTimes(seconds: readonly number[]): WorkTimeBin[] {
  if (seconds.length === 0) return [];
  const slowest = Math.max(...seconds);
  const width =
    STEPS.find((step) => Math.floor(slowest / step) + 1 <= MAX_BINS) ??
    Math.ceil((slowest + 1) / MAX_BINS);
  const bins = Array.from({ length: Math.floor(slowest / width) + 1 }, (_, i) => ({
    fromSeconds: i * width,
    toSeconds: (i + 1) * width,
    count: 0,
  }));
  for (const s of seconds) bins[Math.floor(Math.max(0, s) / width)]!.count += 1;
  return bins;
}
