import type { FeedQuery } from '../../../shared/api/work.js';
import { counterCursor, pageOf } from '../../db/pagination.js';
import type { Clock } from '../../lib/clock.js';
import { systemQualificationValues } from '../qualifications/qualifications.service.js';
import { presentFeedItem } from './feed.presenters.js';
import type { FeedRepository } from './feed.repository.js';

/** The feed's order is computed per request, so its cursor is an offset rather than a keyset. */
const offsetCursor = counterCursor('o', 9);

export function createFeedService(deps: {
  feed: FeedRepository;
  clock: Clock;
  /** See `Config.approvalRateMinDecided`: the feed and accept count the approval rate alike. */
  approvalRateMinDecided: number;
  /** The rule in force above which a requester's rejection rate flags them. */
  flagRejectionPercent: () => Promise<number>;
}) {
  const { feed, clock, approvalRateMinDecided } = deps;

  /**
   * Everything a requirement may ask about this worker (their grants and the system values), and
   * the ratings between them and requesters.
   */
  async function workerContext(workerId: string) {
    const facts = await feed.workerFacts(workerId);
    const values: Record<string, number | string> = {
      ...facts.grants,
      ...Object.fromEntries(systemQualificationValues(facts, approvalRateMinDecided)),
    };
    return { values, ratings: facts.ratings };
  }

  return {
    /** The projects this worker can accept a task in right now, one page at a time. */
    async list(workerId: string, query: FeedQuery) {
      const offset = offsetCursor.decode(query.cursor) ?? 0;
      const rows = await feed.candidates({
        workerId,
        ...(await workerContext(workerId)),
        now: clock.now(),
        q: query.q,
        minHourlyCents: query.minHourlyCents,
        sort: query.sort,
        offset,
        limit: query.limit + 1,
      });
      const page = pageOf(rows, query.limit, () => offsetCursor.encode(offset + query.limit));
      const flagPercent = await deps.flagRejectionPercent();
      return {
        items: page.items.map((row) => presentFeedItem(row, flagPercent)),
        nextCursor: page.nextCursor,
      };
    },

    /** One project as the worker would find it in the feed, or nothing when they cannot enter it. */
    async one(workerId: string, projectId: string) {
      const [row] = await feed.candidates({
        workerId,
        ...(await workerContext(workerId)),
        now: clock.now(),
        sort: 'newest',
        offset: 0,
        limit: 1,
        onlyProjectId: projectId,
      });
      if (!row) return undefined;
      const flagPercent = await deps.flagRejectionPercent();
      return { item: presentFeedItem(row, flagPercent), instructions: row.instructions };
    },
  };
}

export type FeedService = ReturnType<typeof createFeedService>;
