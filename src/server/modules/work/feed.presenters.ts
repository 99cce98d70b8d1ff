import type { FeedItem } from '../../../shared/api/work.js';
import { hourlyPayOf } from '../../lib/hourly-pay.js';
import {
  EMPTY_REPUTATION,
  presentRequesterReputation,
} from '../reputation/reputation.presenters.js';
import type { FeedRow } from './feed.repository.js';

/** Cents per hour for a task paying `rewardCents` that takes `seconds`. */
function perHour(rewardCents: number, seconds: number): number {
  return Math.round((rewardCents * 3600) / seconds);
}

/** A project as the feed offers it, with what its work has paid per hour so far. */
/** `flagRejectionPercent`: the rule in force that flags a requester (see reputation). */
export function presentFeedItem(r: FeedRow, flagRejectionPercent: number): FeedItem {
  // The quartiles are null below 3 plausible submissions, and never under 5 seconds.
  const { work_seconds_p25: p25, work_seconds_median: median, work_seconds_p75: p75 } = r;
  const known = p25 !== null && median !== null && p75 !== null;
  return {
    projectId: r.id,
    title: r.title,
    description: r.description,
    keywords: r.keywords,
    requester: { id: r.owner_id, displayName: r.requester_name, handle: r.requester_handle },
    rewardCents: r.reward_cents,
    timeAllottedSeconds: r.time_allotted_seconds,
    tasksAvailable: r.tasks_available,
    estimatedHourlyCents: known ? perHour(r.reward_cents, median) : null,
    // The slower quarter of the work pays the low end, the faster quarter the high end.
    estimatedHourlyRangeCents: known
      ? { low: perHour(r.reward_cents, p75), high: perHour(r.reward_cents, p25) }
      : null,
    estimatedHourlyBasedOn: r.work_samples,
    estimatedSeconds: r.estimated_seconds,
    hourlyPay: hourlyPayOf(r),
    publishedAt: r.published_at?.toISOString() ?? null,
    expiresAt: r.expires_at.toISOString(),
    testsToTake: r.tests_to_take,
    requesterReputation: presentRequesterReputation(
      {
        ...EMPTY_REPUTATION,
        ...r.requester_reputation,
      },
      flagRejectionPercent,
    ),
  };
}
