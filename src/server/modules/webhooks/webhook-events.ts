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

/**
 * Turns the live events services already publish (after their change has committed) into webhook
 * deliveries for the requester concerned:
 * - `assignment.updated` → `assignment.<status>` (expired → `assignment.abandoned`), and
 *   `task.reviewable` when a submission leaves its task with every slot worked;
 * - `project.progress` with `completed` → `project.finished`.
 * Bonuses are not webhook events. The deliveries are queued after the change's commit, not in its
 * transaction: a process that stops between the two loses those events' webhooks (the change
 * itself stands). Each event is handled on this process only, so with several instances nothing
 * is queued twice.
 */
export function createWebhookEventSource(deps: {
  webhooks: Pick<WebhooksService, 'enqueue'>;
  repository: Pick<
    WebhooksRepository,
    'assignmentForWebhooks' | 'isTaskReviewable' | 'projectOwner'
  >;
  clock: Clock;
  log: Log;
}) {
  const { webhooks, repository, clock } = deps;

  async function onAssignment(assignmentId: string, status: AssignmentStatus) {
    const event = EVENT_OF_STATUS[status];
    const assignment = await repository.assignmentForWebhooks(assignmentId, event);
    const reviewable =
      status === 'submitted' &&
      (await repository.assignmentForWebhooks(assignmentId, 'task.reviewable'));
    if (assignment) {
      const data = {
        assignmentId: assignment.id,
        taskId: assignment.task_id,
        projectId: assignment.project_id,
        workerId: assignment.worker_id,
        status,
      };
      await webhooks.enqueue(assignment.owner_id, event, tesseraEnvelope(event, data, clock.now()));
    }
    if (reviewable && (await repository.isTaskReviewable(reviewable.task_id))) {
      const data = { taskId: reviewable.task_id, projectId: reviewable.project_id };
      await webhooks.enqueue(
        reviewable.owner_id,
        'task.reviewable',
        tesseraEnvelope('task.reviewable', data, clock.now()),
      );
    }
  }

  async function onProjectFinished(projectId: string) {
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
    /** The publisher services get: the live event goes out as before, and to webhooks too. */
    tee(events: LiveEventPublisher): LiveEventPublisher {
      return {
        publish(event: LiveEvent, audience: Audience) {
          events.publish(event, audience);
          // Never on the publisher's path, never throwing into it (publish is called after commit).
          handle(event)?.catch((err: unknown) =>
            deps.log.error({ err, event: event.type }, 'webhook deliveries not queued'),
          );
        },
      };
    },
  };
}
