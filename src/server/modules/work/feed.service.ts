import type { FeedItem, FeedQuery } from '../../../shared/api/work.js';
import { ValidationError } from '../../errors.js';
import type { Clock } from '../../lib/clock.js';
import { systemQualificationValues } from '../qualifications/qualifications.service.js';
import type { FeedRepository, FeedRow } from './feed.repository.js';

/** Fewer submissions than this say too little about how long a task takes. */
const MIN_SAMPLES_FOR_RATE = 3;

function encodeOffset(offset: number): string {
  return Buffer.from(`o:${offset}`).toString('base64url');
}

function decodeOffset(cursor: string | undefined): number {
  if (!cursor) return 0;
  const match = /^o:(\d{1,9})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match?.[1]) {
    throw new ValidationError('cursor: is not a cursor this API returned', [
      { path: 'querystring.cursor', message: 'is invalid' },
    ]);
  }
  return Number(match[1]);
}

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
      const median = Number(r.median_seconds);
      const estimatedHourlyCents =
        r.samples >= MIN_SAMPLES_FOR_RATE && median > 0
          ? Math.round((r.reward_cents * 3600) / median)
          : null;
      return {
        projectId: r.id,
        title: r.title,
        description: r.description,
        keywords: r.keywords,
        requester: { id: r.owner_id, displayName: r.requester_name, handle: r.requester_handle },
        rewardCents: r.reward_cents,
        timeAllottedSeconds: r.time_allotted_seconds,
        tasksAvailable: r.tasks_available,
        estimatedHourlyCents,
        publishedAt: r.published_at?.toISOString() ?? null,
        expiresAt: r.expires_at.toISOString(),
      };
    });
  }

  return {
    /** The projects this worker can accept a task in right now, one page at a time. */
    async list(workerId: string, query: FeedQuery) {
      const offset = decodeOffset(query.cursor);
      const rows = await feed.candidates({
        workerId,
        values: await qualificationValues(workerId),
        now: clock.now(),
        q: query.q,
        sort: query.sort,
        offset,
        limit: query.limit + 1,
      });
      const page = rows.slice(0, query.limit);
      return {
        items: present(page),
        nextCursor: rows.length > query.limit ? encodeOffset(offset + query.limit) : null,
      };
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
