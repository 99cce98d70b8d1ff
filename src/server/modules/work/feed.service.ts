import { SYSTEM_QUALIFICATION_IDS } from '../../../shared/api/qualifications.js';
import type { FeedItem, FeedQuery } from '../../../shared/api/work.js';
import { ValidationError } from '../../errors.js';
import type { Clock } from '../../lib/clock.js';
import type { QualificationsService } from '../qualifications/qualifications.service.js';
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
  qualifications: Pick<QualificationsService, 'workerQualificationValues'>;
  clock: Clock;
}) {
  const { feed, clock } = deps;

  /** Everything a requirement may ask about this worker: their grants and the system values. */
  async function qualificationValues(workerId: string): Promise<Record<string, number | string>> {
    const system = await deps.qualifications.workerQualificationValues(
      workerId,
      Object.values(SYSTEM_QUALIFICATION_IDS),
    );
    return { ...(await feed.grantedValues(workerId)), ...Object.fromEntries(system) };
  }

  async function present(rows: FeedRow[]): Promise<FeedItem[]> {
    const medians = await feed.medianWorkSeconds(rows.map((r) => r.id));
    return rows.map((r) => {
      const median = medians.get(r.id);
      const estimatedHourlyCents =
        median && median.samples >= MIN_SAMPLES_FOR_RATE && median.seconds > 0
          ? Math.round((r.reward_cents * 3600) / median.seconds)
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
        items: await present(page),
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
      const [item] = await present([row]);
      return item ? { item, instructions: row.instructions } : undefined;
    },
  };
}

export type FeedService = ReturnType<typeof createFeedService>;
