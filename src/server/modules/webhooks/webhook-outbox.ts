import type { AssignmentStatus } from '../../../shared/api/work.js';
import type { WebhookEvent } from '../../../shared/api/webhooks.js';
import type { Db } from '../../db/database.js';
import type { Clock } from '../../lib/clock.js';
import type { AssignmentChange } from '../realtime/announce.js';
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

/** Another sender of deliveries for the same changes (the MTurk notification settings). */
export type OutboxListener = {
  /**
   * Whether it may want any assignment's events now (cached: it is asked on every change); read
   * in `trx` when it must be read.
   */
  active(trx?: Db): Promise<boolean>;
  assignmentChanged(trx: Db, assignmentId: string, status: AssignmentStatus): Promise<void>;
};

/**
 * What services are given: called inside the transaction of a change, it queues the webhook
 * deliveries the change calls for in that same transaction (a transactional outbox). They commit
 * with the change or not at all; the sweep (`sweepDue`) sends them once committed.
 */
export type WebhookOutbox = {
  /** Whether any webhook or listener may want an assignment's events now (cached). */
  listening(): Promise<boolean>;
  assignmentsChanged(trx: Db, changes: readonly AssignmentChange[]): Promise<void>;
  projectFinished(trx: Db, projectId: string, ownerId: string): Promise<void>;
};

/**
 * Runs `change` with its deliveries in one transaction. A change that is one statement needs no
 * transaction of its own: when nothing listens (no webhook anywhere subscribes to an assignment
 * event, no MTurk notification is on — the usual case, and accept and submit are the hottest
 * requests) it runs alone, as before.
 */
export async function withOutbox<T>(
  db: Db,
  outbox: WebhookOutbox | undefined,
  change: (trx: Db) => Promise<T>,
  changesOf: (result: T) => readonly AssignmentChange[],
): Promise<T> {
  if (!outbox || !(await outbox.listening())) return change(db);
  return db.transaction().execute(async (trx) => {
    const result = await change(trx);
    await outbox.assignmentsChanged(trx, changesOf(result));
    return result;
  });
}

/**
 * The deliveries for requesters' webhooks:
 * - an assignment's change → `assignment.<status>` (expired → `assignment.abandoned`), and
 *   `task.reviewable` when a submission leaves its task with every slot worked;
 * - a project completed → `project.finished`.
 * Bonuses are not webhook events. When no webhook anywhere subscribes to an event (the set is
 * cached, see `subscribed`), nothing is read for it. Everything runs in the caller's transaction,
 * so a failure here fails the change: the delivery is part of it.
 */
export function createWebhookOutbox(deps: {
  webhooks: Pick<WebhooksService, 'enqueue'>;
  repository: Pick<WebhooksRepository, 'assignmentForWebhooks'>;
  /** The events some webhook subscribes to (cached: see webhooks.module.ts; read in `trx`). */
  subscribed: (trx?: Db) => Promise<ReadonlySet<WebhookEvent>>;
  clock: Clock;
}) {
  const { webhooks, repository, clock } = deps;
  const listeners: OutboxListener[] = [];

  async function onAssignment(
    trx: Db,
    subscribed: ReadonlySet<WebhookEvent>,
    assignmentId: string,
    status: AssignmentStatus,
  ) {
    const event = EVENT_OF_STATUS[status];
    const wantsReviewable = status === 'submitted' && subscribed.has('task.reviewable');
    if (!subscribed.has(event) && !wantsReviewable) return;
    const assignment = await repository.assignmentForWebhooks(
      assignmentId,
      event,
      wantsReviewable,
      trx,
    );
    if (!assignment) return;
    if (assignment.wants_event) {
      const data = {
        assignmentId: assignment.id,
        taskId: assignment.task_id,
        projectId: assignment.project_id,
        workerId: assignment.worker_id,
        status,
      };
      await webhooks.enqueue(
        trx,
        assignment.owner_id,
        event,
        tesseraEnvelope(event, data, clock.now()),
      );
    }
    if (assignment.reviewable) {
      const data = { taskId: assignment.task_id, projectId: assignment.project_id };
      await webhooks.enqueue(
        trx,
        assignment.owner_id,
        'task.reviewable',
        tesseraEnvelope('task.reviewable', data, clock.now()),
      );
    }
  }

  const outbox: WebhookOutbox & { listen(listener: OutboxListener): void } = {
    /** Another module's sender for the same changes, called the same way (in their transaction). */
    listen(listener: OutboxListener): void {
      listeners.push(listener);
    },

    async listening() {
      if ((await deps.subscribed()).size > 0) return true;
      for (const listener of listeners) if (await listener.active()) return true;
      return false;
    },

    async assignmentsChanged(trx, changes) {
      const assignmentChanges = changes.filter((change) => change.bonusCents === undefined);
      if (assignmentChanges.length === 0) return;
      const subscribed = await deps.subscribed(trx);
      const active = [];
      for (const listener of listeners) if (await listener.active(trx)) active.push(listener);
      for (const change of assignmentChanges) {
        await onAssignment(trx, subscribed, change.assignmentId, change.status);
        for (const listener of active) {
          await listener.assignmentChanged(trx, change.assignmentId, change.status);
        }
      }
    },

    async projectFinished(trx, projectId, ownerId) {
      if (!(await deps.subscribed(trx)).has('project.finished')) return;
      await webhooks.enqueue(
        trx,
        ownerId,
        'project.finished',
        tesseraEnvelope('project.finished', { projectId }, clock.now()),
      );
    },
  };
  return outbox;
}
