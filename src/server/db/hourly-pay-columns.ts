import type { Projects } from './schema.js';

/**
 * The columns of `projects as p` that `hourlyPayOf` (lib/hourly-pay.ts) reads besides the reward:
 * every read of a row presented with its hourly pay selects them.
 */
export const hourlyPayColumns = [
  'p.estimated_seconds',
  'p.work_seconds_median',
  'p.work_samples',
] satisfies readonly `p.${keyof Projects}`[];
