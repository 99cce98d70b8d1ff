import type { HourlyPay } from '../../shared/api/fair-pay.js';
import { hourlyCents } from '../../shared/fair-pay.js';

/**
 * A project's hourly pay from its maintained work-time aggregate (refresh_project_work_times:
 * the median of the plausible ones among its latest submissions, null below 3 of them), else
 * from the requester's estimate. Reads columns only: the feed never takes a median per request.
 */
export function hourlyPayOf(row: {
  reward_cents: number;
  work_seconds_median: number | null;
  work_samples: number;
  estimated_seconds: number | null;
}): HourlyPay {
  if (row.work_seconds_median !== null) {
    return {
      cents: hourlyCents(row.reward_cents, row.work_seconds_median),
      basis: 'measured',
      basedOn: row.work_samples,
    };
  }
  if (row.estimated_seconds !== null) {
    return {
      cents: hourlyCents(row.reward_cents, row.estimated_seconds),
      basis: 'estimate',
      basedOn: row.work_samples,
    };
  }
  return { cents: null, basis: null, basedOn: row.work_samples };
}
