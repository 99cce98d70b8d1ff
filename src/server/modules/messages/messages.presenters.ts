import type { Message, Thread } from '../../../shared/api/messages.js';
import type { ThreadRow } from './messages.repository.js';

type MessageRow = {
  id: string;
  thread_id: string;
  sender_id: string;
  body: string;
  created_at: Date;
};

export function presentMessage(row: MessageRow): Message {
  return {
    id: row.id,
    threadId: row.thread_id,
    senderId: row.sender_id,
    body: row.body,
    createdAt: row.created_at.toISOString(),
  };
}

export function presentThread(row: ThreadRow & { last: MessageRow | null }): Thread {
  return {
    id: row.id,
    with: { id: row.other_id, displayName: row.other_name },
    myRole: row.my_role,
    project:
      row.project_id !== null && row.project_title !== null
        ? { id: row.project_id, name: row.project_title }
        : null,
    assignmentId: row.assignment_id,
    muted: row.muted,
    unreadCount: Number(row.unread ?? 0),
    lastMessage: row.last ? presentMessage(row.last) : null,
    lastMessageAt: row.last_message_at.toISOString(),
  };
}
