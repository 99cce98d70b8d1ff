import type { QueryKey } from '@tanstack/react-query';
import type { LiveEvent } from '../../shared/live-events.js';
import { appealKeys } from './appeals.js';
import { earningsKeys } from './earnings.js';
import { messageKeys } from './messages.js';
import { balanceQueryKey } from './money.js';
import { notificationKeys } from './notifications.js';
import { projectKey, projectsQueryKey } from './projects.js';
import { reviewKeys } from './review.js';
import { spendingQueryKey } from './spending.js';
import { workKeys } from './work.js';

/**
 * What an event makes out of date. `now` is refetched at once (it concerns this user alone);
 * `spread` is refetched after a random pause, because marketplace hints reach every worker at
 * the same moment and would otherwise bring them all back to the server together.
 */
export type Refresh = { now: QueryKey[]; spread: QueryKey[] };

export function refreshFor(event: LiveEvent): Refresh {
  switch (event.type) {
    case 'feed.changed':
      return { now: [], spread: [workKeys.feeds(), workKeys.preview(event.projectId)] };
    case 'assignment.updated':
      return {
        now: [workKeys.mine(), workKeys.assignment(event.assignmentId), earningsKeys.all],
        spread: [],
      };
    case 'project.progress':
      return {
        now: [
          projectKey(event.projectId),
          [...projectsQueryKey, 'list'],
          reviewKeys.project(event.projectId),
          balanceQueryKey,
          spendingQueryKey,
        ],
        spread: [],
      };
    case 'notification.created':
      return { now: [notificationKeys.all], spread: [] };
    case 'message.created':
      return { now: [messageKeys.all], spread: [] };
    case 'appeal.updated':
      return {
        now: [appealKeys.all, workKeys.mine(), workKeys.assignment(event.assignmentId)],
        spread: [],
      };
  }
}

export const RECONNECT = {
  firstDelayMs: 1_000,
  maxDelayMs: 30_000,
  /** Marketplace refreshes are spread over this long. */
  spreadMs: 3_000,
};

/**
 * Exponential backoff with full jitter: the n-th retry waits a random time up to
 * min(max, first × 2^n), so clients cut off together (a deploy, a restart) come back spread out.
 */
export function reconnectDelay(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(RECONNECT.maxDelayMs, RECONNECT.firstDelayMs * 2 ** attempt);
  return Math.round(random() * ceiling);
}
