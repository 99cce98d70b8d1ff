import type { FeedItem, FeedQuery } from '../../../shared/api/work.js';
import type { QualificationRequirement } from '../../../shared/api/qualifications.js';
import { ValidationError } from '../../errors.js';
import type { Clock } from '../../lib/clock.js';
import type { QualificationsService } from '../qualifications/qualifications.service.js';
import { meetsRequirements, requirementTypeIds } from '../qualifications/requirements.js';
import type { FeedRepository, FeedRow } from './feed.repository.js';

/** Fewer submissions than this say too little about how long a task takes. */
const MIN_SAMPLES_FOR_RATE = 3;
/** Candidates fetched per round while filling a page past projects the worker cannot enter. */
const SCAN_BATCH = 100;
const MAX_SCAN_ROUNDS = 20;

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

  /** Keeps the projects whose requirements the worker meets (one lookup for the whole batch). */
  async function eligible(workerId: string, rows: FeedRow[]): Promise<FeedRow[]> {
    const typeIds = [
      ...new Set(
        rows.flatMap((r) =>
          requirementTypeIds(r.qualification_requirements as QualificationRequirement[]),
        ),
      ),
    ];
    if (!typeIds.length) return rows;
    const values = await deps.qualifications.workerQualificationValues(workerId, typeIds);
    return rows.filter((r) =>
      meetsRequirements(r.qualification_requirements as QualificationRequirement[], values),
    );
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
    /**
     * The projects this worker can accept a task in right now. Requirements are checked in the
     * server, so a page is filled by scanning on past the projects the worker does not qualify
     * for; the cursor remembers where the scan stopped.
     */
    async list(workerId: string, query: FeedQuery) {
      let offset = decodeOffset(query.cursor);
      const page: FeedRow[] = [];
      let exhausted = false;
      for (let round = 0; round < MAX_SCAN_ROUNDS && page.length < query.limit; round++) {
        const batch = await feed.candidates({
          workerId,
          now: clock.now(),
          q: query.q,
          sort: query.sort,
          offset,
          limit: SCAN_BATCH,
        });
        const kept = new Set(await eligible(workerId, batch));
        let consumed = 0;
        for (const row of batch) {
          if (page.length === query.limit) break;
          consumed += 1;
          if (kept.has(row)) page.push(row);
        }
        offset += consumed;
        if (batch.length < SCAN_BATCH && consumed === batch.length) {
          exhausted = true;
          break;
        }
      }
      return { items: await present(page), nextCursor: exhausted ? null : encodeOffset(offset) };
    },

    /** One project as the worker would find it in the feed, or 404 when they cannot enter it. */
    async one(workerId: string, projectId: string) {
      const [row] = await feed.candidates({
        workerId,
        now: clock.now(),
        sort: 'newest',
        offset: 0,
        limit: 1,
        onlyProjectId: projectId,
      });
      if (!row) return undefined;
      const [kept] = await eligible(workerId, [row]);
      if (!kept) return undefined;
      const [item] = await present([kept]);
      return item ? { item, instructions: kept.instructions } : undefined;
    },
  };
}

export type FeedService = ReturnType<typeof createFeedService>;
