import { randomUUID } from 'node:crypto';
import { MESSAGE_LIMITS, type SendMessageBody } from '../../../shared/api/messages.js';
import { afterCommit } from '../../db/after-commit.js';
import type { Db } from '../../db/database.js';
import { counterCursor, fromCursor, pageFrom, type CursorRequest } from '../../db/pagination.js';
import {
  ForbiddenError,
  NotFoundError,
  TooManyRequestsError,
  ValidationError,
  fieldProblems,
} from '../../errors.js';
import type { Clock } from '../../lib/clock.js';
import type { NewNotification, Notifier } from '../notifications/notifications.service.js';
import type { LiveEventPublisher } from '../realtime/event-bus.js';
import type { MessagesRepository, NewMessage, Side, ThreadKey } from './messages.repository.js';

const MINUTE_MS = 60_000;
const messageCursor = counterCursor('msg', 18);

/** Strangers, unknown accounts and unrelated projects all get this: nothing about them is revealed. */
function notAllowed() {
  return new ForbiddenError(
    'You can message only requesters whose work you did or hold, and workers who did or hold your work.',
    'not_a_contact',
  );
}

export const threadLink = (threadId: string) => `/messages/${threadId}`;

type Sender = { id: string; display_name: string };
/** What the in-app notification of a delivered message says. */
type MessageNotice = Pick<NewNotification, 'kind' | 'title' | 'body'>;

/**
 * Threads between a requester and a worker (DESIGN §11). The service decides who may write to
 * whom and about what; every send counts against the sender's per-minute limit in the same
 * transaction that writes it (serialised per sender), and the recipient is told live and, unless
 * they muted the thread, by a notification.
 */
export function createMessagesService(deps: {
  messages: MessagesRepository;
  notifications: Pick<Notifier, 'notifyMany'>;
  events: LiveEventPublisher;
  clock: Clock;
}) {
  const { messages: repo, clock, events } = deps;

  /** The thread's key for a message from `senderId` to `toUserId`, or why it may not be sent. */
  async function threadKey(trx: Db, senderId: string, input: SendMessageBody): Promise<ThreadKey> {
    const { toUserId } = input;
    const pair = (requesterId: string) =>
      new Set([senderId, toUserId]).has(requesterId) &&
      (requesterId === senderId ? toUserId : senderId);
    const recipient = await repo.user(trx, toUserId);
    if (!recipient || recipient.status !== 'active') throw notAllowed();

    if (input.assignmentId !== undefined) {
      const assignment = await repo.assignment(trx, input.assignmentId);
      if (
        !assignment ||
        pair(assignment.owner_id) !== assignment.worker_id ||
        !(await repo.worked(trx, assignment.worker_id, assignment.owner_id, assignment.project_id))
      ) {
        throw notAllowed();
      }
      if (input.projectId !== undefined && input.projectId !== assignment.project_id) {
        throw new ValidationError(
          'projectId: is not the project of the assignment',
          fieldProblems({ projectId: 'is not the project of the assignment' }),
        );
      }
      return {
        requesterId: assignment.owner_id,
        workerId: assignment.worker_id,
        projectId: assignment.project_id,
        assignmentId: assignment.id,
      };
    }
    if (input.projectId !== undefined) {
      const project = await repo.project(trx, input.projectId);
      const workerId = project && pair(project.owner_id);
      if (
        !project ||
        !workerId ||
        !(await repo.worked(trx, workerId, project.owner_id, project.id))
      ) {
        throw notAllowed();
      }
      return { requesterId: project.owner_id, workerId, projectId: project.id, assignmentId: null };
    }
    if (await repo.worked(trx, senderId, toUserId)) {
      return { requesterId: toUserId, workerId: senderId, projectId: null, assignmentId: null };
    }
    if (await repo.worked(trx, toUserId, senderId)) {
      return { requesterId: senderId, workerId: toUserId, projectId: null, assignmentId: null };
    }
    throw notAllowed();
  }

  /** Refuses a send past the sender's per-minute limit, saying when the next one may go. */
  async function checkRate(trx: Db, senderId: string, now: Date) {
    const recent = await repo.sendsSince(trx, senderId, new Date(now.getTime() - MINUTE_MS));
    if (recent.count < MESSAGE_LIMITS.sendsPerMinute) return;
    const freeAt = (recent.oldest ?? now).getTime() + MINUTE_MS;
    const seconds = Math.max(1, Math.ceil((freeAt - now.getTime()) / 1000));
    throw new TooManyRequestsError(
      'too_many_messages',
      `You may send ${MESSAGE_LIMITS.sendsPerMinute} messages a minute; try again in ${seconds} s.`,
      seconds,
    );
  }

  /**
   * Writes the messages in the caller's transaction, gives each recipient who has not muted the
   * thread the in-app `notice` (in the same transaction) and, once it commits, tells both sides'
   * open clients. Returns each message with whether its recipient muted the thread.
   */
  async function deliver(trx: Db, messages: NewMessage[], notice: MessageNotice) {
    const written = await repo.insert(trx, messages, clock.now());
    const delivered = written.map(({ message, thread }, i) => {
      const input = messages[i];
      if (!input) throw new Error('One written message per message to write');
      const recipientId = input.senderId === input.requesterId ? input.workerId : input.requesterId;
      const recipientSide: Side = recipientId === input.requesterId ? 'requester' : 'worker';
      const muted = recipientSide === 'requester' ? thread.requester_muted : thread.worker_muted;
      return { message, recipientId, muted };
    });
    await afterCommit(trx, () => {
      for (const { message, recipientId } of delivered) {
        const event = {
          type: 'message.created' as const,
          threadId: message.thread_id,
          messageId: message.id,
        };
        events.publish(event, { userId: recipientId });
        events.publish(event, { userId: message.sender_id });
      }
    });
    await deps.notifications.notifyMany(
      trx,
      delivered
        .filter((d) => !d.muted)
        .map((d) => ({ userId: d.recipientId, ...notice, link: threadLink(d.message.thread_id) })),
    );
    return delivered;
  }

  async function sendAll(sender: Sender, keys: ThreadKey[], body: string, title: string) {
    const now = clock.now();
    return repo.transaction(async (trx) => {
      await repo.lockSender(trx, sender.id);
      await checkRate(trx, sender.id, now);
      const sendId = randomUUID();
      return deliver(
        trx,
        keys.map((key) => ({ ...key, senderId: sender.id, sendId, body })),
        { kind: 'message_received', title, body },
      );
    });
  }

  return {
    deliver,

    async send(sender: Sender, input: SendMessageBody) {
      if (input.toUserId === sender.id) {
        throw new ValidationError(
          'toUserId: you cannot message yourself',
          fieldProblems({ toUserId: 'cannot be yourself' }),
        );
      }
      const key = await threadKey(repo.db, sender.id, input);
      const [sent] = await sendAll(
        sender,
        [key],
        input.body,
        `Message from ${sender.display_name}`,
      );
      if (!sent) throw new Error('One message was sent');
      const thread = await repo.thread(sender.id, sent.message.thread_id);
      if (!thread) throw new Error('The sender is a side of the thread just written');
      return { thread, message: sent.message };
    },

    /** To every worker who did or holds work in the requester's project, each in their thread. */
    async broadcast(requester: Sender, projectId: string, body: string) {
      const project = await repo.project(repo.db, projectId);
      if (!project || project.owner_id !== requester.id) throw new NotFoundError('Project');
      const workers = await repo.projectWorkers(repo.db, project.id, requester.id);
      if (workers.length === 0) return { recipients: 0 };
      const keys = workers.map((workerId) => ({
        requesterId: requester.id,
        workerId,
        projectId: project.id,
        assignmentId: null,
      }));
      const sent = await sendAll(
        requester,
        keys,
        body,
        `Message from ${requester.display_name} about ${project.title}`,
      );
      return { recipients: sent.length };
    },

    async threads(userId: string, page: CursorRequest) {
      const rows = await repo.listThreads(userId, fromCursor(page));
      const listed = pageFrom(
        rows.map((row) => ({ ...row, created_at: row.last_message_at })),
        page.limit,
      );
      const last = await repo.lastMessages(listed.items.map((row) => row.id));
      return {
        items: listed.items.map((row) => ({
          ...row,
          last: last.find((message) => message.thread_id === row.id) ?? null,
        })),
        nextCursor: listed.nextCursor,
        unreadCount: await repo.unreadCount(userId),
      };
    },

    /** One of the user's threads with a page of messages; reading it marks it read. */
    async thread(userId: string, threadId: string, page: CursorRequest) {
      const found = await repo.thread(userId, threadId);
      if (!found) throw new NotFoundError('Thread');
      const rows = await repo.messages(threadId, {
        limit: page.limit,
        beforeSeq: messageCursor.decode(page.cursor),
      });
      await repo.markRead(threadId, found.my_role);
      const items = rows.slice(0, page.limit);
      const oldest = items[items.length - 1];
      return {
        thread: { ...found, unread: '0' },
        messages: items,
        last: (await repo.lastMessages([threadId]))[0] ?? null,
        nextCursor: rows.length > page.limit && oldest ? messageCursor.encode(oldest.seq) : null,
      };
    },

    async mute(userId: string, threadId: string, muted: boolean) {
      const found = await repo.thread(userId, threadId);
      if (!found) throw new NotFoundError('Thread');
      await repo.setMuted(threadId, found.my_role, muted);
    },

    unreadCount: (userId: string) => repo.unreadCount(userId),
  };
}

export type MessagesService = ReturnType<typeof createMessagesService>;
