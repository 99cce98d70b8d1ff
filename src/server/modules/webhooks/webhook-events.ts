import type { AssignmentStatus } from '../../../shared/api/work.js';
import type { WebhookEvent } from '../../../shared/api/webhooks.js';
import type { LiveEvent } from '../../../shared/live-events.js';
import type { Clock } from '../../lib/clock.js';
import type { Audience, LiveEventPublisher } from '../realtime/event-bus.js';
import type { WebhooksRepository } from './webhooks.repository.js';
import { tesseraEnvelope, type WebhooksService } from './webhooks.service.js';

const EVENT_OF_STATUS: Record<AssignmentStatus, WebhookEvent> = {
  accepted: 'assignment.accepted',
  submitted: 'assignment.submitted',
  approved: 'assignment.approved',
  rejected: 'assignment.rejected',
  returned: 'assignment.returned',
  expired: 'assignment.abandoned',
};

type Log = { error(obj: object, msg: string): void };

/** Another consumer of the same committed events (the MTurk notification settings). */
export type LiveEventListener = (event: LiveEvent) => Promise<void> | undefined;

/**
 * Turns the live events services already publish (after their change has committed) into webhook
 * deliveries for the requester concerned:
 * - `assignment.updated` → `assignment.<status>` (expired → `assignment.abandoned`), and
 *   `task.reviewable` when a submission leaves its task with every slot worked;
 * - `project.progress` with `completed` → `project.finished`.
 * Bonuses are not webhook events. When no webhook anywhere subscribes to an event (the set is
 * cached, see `subscribed`), nothing is read for it: most servers have few webhooks, and accept
 * and submit are the hottest requests. The deliveries are queued after the change's commit, not
 * in its transaction: a process that stops between the two loses those events' webhooks (the
 * change itself stands; enqueueing inside the domain transactions is not done yet). Each event is handled on this process only,
 * so with several instances nothing is queued twice.
 */
export function createWebhookEventSource(deps: {
  webhooks: Pick<WebhooksService, 'enqueue'>;
  repository: Pick<WebhooksRepository, 'assignmentForWebhooks' | 'projectOwner'>;
  /** The events some webhook subscribes to (cached: see webhooks.module.ts). */
  subscribed: () => Promise<ReadonlySet<WebhookEvent>>;
  clock: Clock;
  log: Log;
}) {
  const { webhooks, repository, clock } = deps;
  const listeners: LiveEventListener[] = [];

  async function onAssignment(assignmentId: string, status: AssignmentStatus) {
    const event = EVENT_OF_STATUS[status];
    const subscribed = await deps.subscribed();
    const wantsReviewable = status === 'submitted' && subscribed.has('task.reviewable');
    if (!subscribed.has(event) && !wantsReviewable) return;
    const assignment = await repository.assignmentForWebhooks(assignmentId, event, wantsReviewable);
    if (!assignment) return;
    if (assignment.wants_event) {
      const data = {
        assignmentId: assignment.id,
        taskId: assignment.task_id,
        projectId: assignment.project_id,
        workerId: assignment.worker_id,
        status,
      };
      await webhooks.enqueue(assignment.owner_id, event, tesseraEnvelope(event, data, clock.now()));
    }
    if (assignment.reviewable) {
      const data = { taskId: assignment.task_id, projectId: assignment.project_id };
      await webhooks.enqueue(
        assignment.owner_id,
        'task.reviewable',
        tesseraEnvelope('task.reviewable', data, clock.now()),
      );
    }
  }

  async function onProjectFinished(projectId: string) {
    if (!(await deps.subscribed()).has('project.finished')) return;
    const project = await repository.projectOwner(projectId);
    if (!project) return;
    await webhooks.enqueue(
      project.owner_id,
      'project.finished',
      tesseraEnvelope('project.finished', { projectId }, clock.now()),
    );
  }

  function handle(event: LiveEvent): Promise<void> | undefined {
    if (event.type === 'assignment.updated' && event.bonusCents === undefined) {
      return onAssignment(event.assignmentId, event.status);
    }
    if (event.type === 'project.progress' && event.change === 'completed') {
      return onProjectFinished(event.projectId);
    }
    return undefined;
  }

  return {
    /** Another module's handler for the same events, called the same way (after commit). */
    listen(listener: LiveEventListener): void {
      listeners.push(listener);
    },

    /** The publisher services get: the live event goes out as before, and to webhooks too. */
    tee(events: LiveEventPublisher): LiveEventPublisher {
      return {
        publish(event: LiveEvent, audience: Audience) {
          events.publish(event, audience);
          // Never on the publisher's path, never throwing into it (publish is called after commit).
          for (const consumer of [handle, ...listeners]) {
            consumer(event)?.catch((err: unknown) =>
              deps.log.error({ err, event: event.type }, 'webhook deliveries not queued'),
            );
          }
        },
      };
    },
  };
}
