import type { FeedItem, FeedQuery } from '../../../shared/api/work.js';
import { counterCursor, pageOf } from '../../db/pagination.js';
import type { Clock } from '../../lib/clock.js';
import { systemQualificationValues } from '../qualifications/qualifications.service.js';
import type { FeedRepository, FeedRow } from './feed.repository.js';

/** Cents per hour for a task paying `rewardCents` that takes `seconds`. */
function perHour(rewardCents: number, seconds: number): number {
  return Math.round((rewardCents * 3600) / seconds);
}

/** The feed's order is computed per request, so its cursor is an offset rather than a keyset. */
const offsetCursor = counterCursor('o', 9);

export function createFeedService(deps: {
  feed: FeedRepository;
  clock: Clock;
  /** See `Config.approvalRateMinDecided`: the feed and accept count the approval rate alike. */
  approvalRateMinDecided: number;
}) {
  const { feed, clock, approvalRateMinDecided } = deps;

  /** Everything a requirement may ask about this worker: their grants and the system values. */
  async function qualificationValues(workerId: string): Promise<Record<string, number | string>> {
    const facts = await feed.workerFacts(workerId);
    return {
      ...facts.grants,
      ...Object.fromEntries(systemQualificationValues(facts, approvalRateMinDecided)),
    };
  }

  function present(rows: FeedRow[]): FeedItem[] {
    return rows.map((r) => {
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
        publishedAt: r.published_at?.toISOString() ?? null,
        expiresAt: r.expires_at.toISOString(),
      };
    });
  }

  return {
    /** The projects this worker can accept a task in right now, one page at a time. */
    async list(workerId: string, query: FeedQuery) {
      const offset = offsetCursor.decode(query.cursor) ?? 0;
      const rows = await feed.candidates({
        workerId,
        values: await qualificationValues(workerId),
        now: clock.now(),
        q: query.q,
        minHourlyCents: query.minHourlyCents,
        sort: query.sort,
        offset,
        limit: query.limit + 1,
      });
      const page = pageOf(rows, query.limit, () => offsetCursor.encode(offset + query.limit));
      return { items: present(page.items), nextCursor: page.nextCursor };
    },

    /** One project as the worker would find it in the feed, or nothing when they cannot enter it. */
    async one(workerId: string, projectId: string) {
      const [row] = await feed.candidates({
        workerId,
        values: await qualificationValues(workerId),
        now: clock.now(),
        sort: 'newest',
        offset: 0,
        limit: 1,
        onlyProjectId: projectId,
      });
      if (!row) return undefined;
      const [item] = present([row]);
      return item ? { item, instructions: row.instructions } : undefined;
    },
  };
}

export type FeedService = ReturnType<typeof createFeedService>;
