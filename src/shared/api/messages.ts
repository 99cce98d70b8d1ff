import { z } from 'zod';
import { idSchema, okSchema, pageOf, pageQuerySchema } from './common.js';
import { endpoint } from './endpoint.js';
import { projectParamsSchema } from './projects.js';

/**
 * Messages between a requester and a worker (DESIGN §11). A body is plain text that the web app
 * shows as text (line breaks kept, no HTML rendered), so a script in a body stays words.
 */
export const MESSAGE_LIMITS = {
  bodyMax: 5_000,
  /** Sends (one message, or one broadcast to a project's workers) per sender per minute. */
  sendsPerMinute: 10,
} as const;

const bodySchema = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(MESSAGE_LIMITS.bodyMax, `must be at most ${MESSAGE_LIMITS.bodyMax} characters`);

export const sendMessageBodySchema = z.strictObject({
  toUserId: idSchema,
  /** What the thread is about: a project of the requester's … */
  projectId: idSchema.optional(),
  /** … or one assignment (its project is implied). Neither: the pair's general thread. */
  assignmentId: idSchema.optional(),
  body: bodySchema,
});
export type SendMessageBody = z.infer<typeof sendMessageBodySchema>;

export const broadcastBodySchema = z.strictObject({ body: bodySchema });

const personSchema = z.object({ id: z.string(), displayName: z.string() });

export const messageSchema = z.object({
  id: z.string(),
  threadId: z.string(),
  senderId: z.string(),
  body: z.string(),
  createdAt: z.string(),
});
export type Message = z.infer<typeof messageSchema>;

export const threadSchema = z.object({
  id: z.string(),
  /** The other side of the thread, and which side I am on. */
  with: personSchema,
  myRole: z.enum(['requester', 'worker']),
  project: z.object({ id: z.string(), name: z.string() }).nullable(),
  assignmentId: z.string().nullable(),
  muted: z.boolean(),
  unreadCount: z.number().int(),
  lastMessage: messageSchema.nullable(),
  lastMessageAt: z.string(),
});
export type Thread = z.infer<typeof threadSchema>;

export const threadPageSchema = pageOf(threadSchema).extend({
  /** Unread messages across all my threads (the nav's badge). */
  unreadCount: z.number().int(),
});
export type ThreadPage = z.infer<typeof threadPageSchema>;

/** A thread with a page of its messages, newest first (`nextCursor` reaches older ones). */
export const threadViewSchema = z.object({
  thread: threadSchema,
  messages: z.array(messageSchema),
  nextCursor: z.string().nullable(),
});
export type ThreadView = z.infer<typeof threadViewSchema>;

export const sentMessageSchema = z.object({ thread: threadSchema, message: messageSchema });

export const broadcastResultSchema = z.object({
  /** How many workers the message reached (each in their thread about the project). */
  recipients: z.number().int(),
});

export const threadParamsSchema = z.strictObject({ id: idSchema });
export const muteBodySchema = z.strictObject({ muted: z.boolean() });

export const messagesUnreadSchema = z.object({ unreadCount: z.number().int() });

const messaging = { tag: 'messages', auth: { scope: 'profile' } } as const;

export const messageEndpoints = {
  send: endpoint({
    ...messaging,
    method: 'POST',
    path: '/messages',
    status: 201,
    summary: 'Send a message to a requester or worker (creates or continues the thread)',
    description: `A worker may write only to a requester whose work they did or hold, a requester only to workers who did or hold their work; never to oneself. With \`assignmentId\` the thread is about that assignment, with \`projectId\` about that project, else the pair's general thread. Bodies are text of 1–${MESSAGE_LIMITS.bodyMax} characters; at most ${MESSAGE_LIMITS.sendsPerMinute} sends a minute (then 429 with Retry-After).`,
    body: sendMessageBodySchema,
    response: sentMessageSchema,
  }),
  broadcast: endpoint({
    tag: 'messages',
    auth: { scope: 'projects:write', roles: ['requester'] },
    method: 'POST',
    path: '/projects/:id/messages',
    status: 201,
    summary: 'Send a message to every worker who did or holds work in my project',
    description:
      "Each worker gets it in their thread about the project. Counts as one send for the per-minute limit. A project that is not the caller's is a 404.",
    params: projectParamsSchema,
    body: broadcastBodySchema,
    response: broadcastResultSchema,
  }),
  threads: endpoint({
    ...messaging,
    method: 'GET',
    path: '/me/threads',
    summary: 'My message threads, most recent first, with unread counts and the last message',
    query: pageQuerySchema,
    response: threadPageSchema,
  }),
  unreadCount: endpoint({
    ...messaging,
    method: 'GET',
    path: '/me/threads/unread-count',
    summary: 'How many messages in my threads are unread (for a badge)',
    response: messagesUnreadSchema,
  }),
  thread: endpoint({
    ...messaging,
    method: 'GET',
    path: '/threads/:id',
    summary: 'One of my threads with its messages, newest first; reading marks it read',
    description: "Another user's thread is a 404, like one that does not exist.",
    params: threadParamsSchema,
    query: pageQuerySchema,
    response: threadViewSchema,
  }),
  mute: endpoint({
    ...messaging,
    method: 'PUT',
    path: '/threads/:id/mute',
    summary: 'Mute or unmute one of my threads (a muted thread makes no notifications)',
    params: threadParamsSchema,
    body: muteBodySchema,
    response: okSchema,
  }),
};
