import type { AssignmentStatus } from '../../../shared/api/work.js';
import type { FEED_CHANGES, PROGRESS_CHANGES } from '../../../shared/live-events.js';
import type { LiveEventPublisher } from './event-bus.js';

/** One assignment's change, as whoever made it knows it. */
export type AssignmentChange = {
  assignmentId: string;
  projectId: string;
  workerId: string;
  /** The project's requester. */
  ownerId: string;
  /** The assignment's status after the change. */
  status: AssignmentStatus;
  /** A slot was taken or given back, which changes what the marketplace offers. */
  availability: boolean;
  /** Set when the change is a bonus (which changes neither status nor progress). */
  bonusCents?: number;
};

const PROGRESS_OF: Record<AssignmentStatus, (typeof PROGRESS_CHANGES)[number]> = {
  accepted: 'accepted',
  submitted: 'submitted',
  returned: 'returned',
  expired: 'expired',
  approved: 'approved',
  rejected: 'rejected',
};

/**
 * Tells each party what it may know of committed assignment changes: the worker about their own
 * assignment, the requester that their project progressed (once per project and kind of change,
 * however many assignments a bulk review or sweep changed), and workers that a project's
 * availability changed (once per project; each refetches the feed, which applies their
 * qualifications and blocks).
 */
export function announceAssignmentChanges(
  events: LiveEventPublisher,
  changes: readonly AssignmentChange[],
) {
  const progress = new Set<string>();
  const availability = new Set<string>();
  for (const change of changes) {
    events.publish(
      {
        type: 'assignment.updated',
        assignmentId: change.assignmentId,
        projectId: change.projectId,
        status: change.status,
        ...(change.bonusCents ? { bonusCents: change.bonusCents } : {}),
      },
      { userId: change.workerId },
    );
    const kind = PROGRESS_OF[change.status];
    if (change.bonusCents === undefined && !progress.has(`${change.projectId}:${kind}`)) {
      progress.add(`${change.projectId}:${kind}`);
      events.publish(
        { type: 'project.progress', projectId: change.projectId, change: kind },
        { userId: change.ownerId },
      );
    }
    if (change.availability) availability.add(change.projectId);
  }
  for (const projectId of availability) announceFeedChange(events, projectId, 'availability');
}

/** Every worker is told a project's place in the marketplace changed; no private data rides along. */
export function announceFeedChange(
  events: LiveEventPublisher,
  projectId: string,
  change: (typeof FEED_CHANGES)[number],
) {
  events.publish({ type: 'feed.changed', projectId, change }, { role: 'worker' });
}
