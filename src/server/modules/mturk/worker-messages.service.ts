import { isUuid } from '../../../shared/api/qualifications.js';
import type { Clock } from '../../lib/clock.js';
import type { EmailService } from '../email/email.service.js';
import { randomUUID } from 'node:crypto';
import type { MessagesService } from '../messages/messages.service.js';
import type { WorkerMessagesRepository } from './worker-messages.repository.js';

/** How many of one requester's messages a worker gets in a day: enough for real news, no spam. */
export const MESSAGES_PER_WORKER_PER_DAY = 5;
/** How many messages (one per worker) one requester sends in a day, across all calls. */
export const MESSAGES_PER_REQUESTER_PER_DAY = 2_000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** MTurk's NotifyWorkersFailureStatus: Hard when retrying cannot help, Soft when it may later. */
export type MessageFailure = {
  workerId: string;
  code: 'HardFailure' | 'SoftFailure';
  message: string;
};

/**
 * A requester's message to workers (MTurk's NotifyWorkers). As on MTurk, only workers who took
 * one of the requester's tasks can be reached; anyone else gets the same failure as an id of
 * nobody, so the call reveals nothing about other users. Each worker reached gets the message in
 * their general thread with the requester (the messages module, which tells them live), an
 * in-app notification unless they muted that thread (in the transaction that counts the
 * message) and, at a verified address, an email.
 */
export function createWorkerMessagesService(deps: {
  messages: WorkerMessagesRepository;
  threads: Pick<MessagesService, 'deliver'>;
  email: Pick<EmailService, 'sendRequesterMessage'>;
  clock: Clock;
}) {
  const { messages, clock } = deps;
  return {
    async send(
      requester: { id: string; display_name: string },
      message: { subject: string; text: string; workerIds: string[] },
    ): Promise<MessageFailure[]> {
      const failures: MessageFailure[] = [];
      const unreachable = (workerId: string) =>
        failures.push({
          workerId,
          code: 'HardFailure',
          message: `Worker ${workerId} cannot be notified: only workers who have worked on your HITs can be.`,
        });
      const ids = [...new Set(message.workerIds)];
      ids.filter((id) => !isUuid(id)).forEach(unreachable);
      const now = clock.now();
      const since = new Date(now.getTime() - DAY_MS);
      const reached = await messages.transaction(async (trx) => {
        await messages.lockRequester(trx, requester.id);
        const found = new Map(
          (await messages.recipients(trx, requester.id, ids.filter(isUuid), since)).map((row) => [
            row.id,
            row,
          ]),
        );
        let budget =
          MESSAGES_PER_REQUESTER_PER_DAY - (await messages.sentSince(trx, requester.id, since));
        const to: NonNullable<ReturnType<typeof found.get>>[] = [];
        for (const id of ids.filter(isUuid)) {
          const worker = found.get(id);
          if (
            !worker ||
            !worker.worked ||
            worker.status !== 'active' ||
            worker.id === requester.id
          ) {
            unreachable(id);
          } else if (Number(worker.recent) >= MESSAGES_PER_WORKER_PER_DAY) {
            failures.push({
              workerId: id,
              code: 'SoftFailure',
              message: `Worker ${id} has had ${MESSAGES_PER_WORKER_PER_DAY} messages from you in the last 24 hours; try again later.`,
            });
          } else if (budget <= 0) {
            failures.push({
              workerId: id,
              code: 'SoftFailure',
              message: `You have sent ${MESSAGES_PER_REQUESTER_PER_DAY} messages in the last 24 hours; try again later.`,
            });
          } else {
            to.push(worker);
            budget -= 1;
          }
        }
        await messages.record(
          trx,
          to.map((worker) => ({
            requester_id: requester.id,
            worker_id: worker.id,
            subject: message.subject,
            created_at: now,
          })),
        );
        const sendId = randomUUID();
        await deps.threads.deliver(
          trx,
          to.map((worker) => ({
            requesterId: requester.id,
            workerId: worker.id,
            projectId: null,
            assignmentId: null,
            senderId: requester.id,
            sendId,
            body: `${message.subject}\n\n${message.text}`,
          })),
          {
            kind: 'requester_message',
            title: `${requester.display_name}: ${message.subject}`,
            body: message.text,
          },
        );
        return to;
      });
      // After the commit: an email never goes out for a message that was rolled back.
      for (const worker of reached) {
        if (worker.email_verified_at === null) continue;
        deps.email.sendRequesterMessage({
          to: worker.email,
          displayName: worker.display_name,
          requesterName: requester.display_name,
          subject: message.subject,
          text: message.text,
        });
      }
      return failures;
    },
  };
}

export type WorkerMessagesService = ReturnType<typeof createWorkerMessagesService>;
