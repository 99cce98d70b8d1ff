import { z } from 'zod';
import type { Scope } from './scopes.js';
import { ASSIGNMENT_STATUSES } from './api/work.js';
import { NOTIFICATION_KINDS } from './api/notifications.js';
import { APPEAL_STATUSES } from './api/appeals.js';

/**
 * The live-event map: what `GET /api/v1/ws` sends. Events are hints that something changed, never
 * the data itself: a client refetches from the API (which checks who may see what), and after any
 * gap in the connection it refetches everything it shows, because events missed meanwhile are
 * not replayed. Events therefore carry ids and the kind of change only.
 */

/** A project appeared in, left or changed its availability in the marketplace. */
export const FEED_CHANGES = ['published', 'paused', 'resumed', 'closed', 'availability'] as const;

/** What happened to a project's work, as its requester's progress view counts it. */
export const PROGRESS_CHANGES = [
  'accepted',
  'submitted',
  'returned',
  'expired',
  'approved',
  'rejected',
  'completed',
] as const;

export const feedChangedSchema = z.object({
  type: z.literal('feed.changed'),
  projectId: z.string(),
  change: z.enum(FEED_CHANGES),
});

export const assignmentUpdatedSchema = z.object({
  type: z.literal('assignment.updated'),
  assignmentId: z.string(),
  projectId: z.string(),
  /** The assignment's status after the change. */
  status: z.enum(ASSIGNMENT_STATUSES),
  /** Set when the change is a bonus paid for this assignment. */
  bonusCents: z.number().int().positive().optional(),
});

export const projectProgressSchema = z.object({
  type: z.literal('project.progress'),
  projectId: z.string(),
  change: z.enum(PROGRESS_CHANGES),
});

export const notificationCreatedSchema = z.object({
  type: z.literal('notification.created'),
  notificationId: z.string(),
  kind: z.enum(NOTIFICATION_KINDS),
});

/** A message arrived in one of my threads (or I sent one from another tab or app). */
export const messageCreatedSchema = z.object({
  type: z.literal('message.created'),
  threadId: z.string(),
  messageId: z.string(),
});

/** An appeal was made (told to the requester) or decided (told to the worker and requester). */
export const appealUpdatedSchema = z.object({
  type: z.literal('appeal.updated'),
  appealId: z.string(),
  assignmentId: z.string(),
  projectId: z.string(),
  status: z.enum(APPEAL_STATUSES),
});

export const liveEventSchema = z.discriminatedUnion('type', [
  feedChangedSchema,
  assignmentUpdatedSchema,
  projectProgressSchema,
  notificationCreatedSchema,
  messageCreatedSchema,
  appealUpdatedSchema,
]);

export type LiveEvent = z.infer<typeof liveEventSchema>;
export type LiveEventType = LiveEvent['type'];
export type LiveEventOf<T extends LiveEventType> = Extract<LiveEvent, { type: T }>;

/**
 * The scope a connection's credentials need to receive each kind of event (a session holds them
 * all; a token gets only the kinds its scopes cover).
 */
export const LIVE_EVENT_SCOPES: Record<LiveEventType, Scope> = {
  'feed.changed': 'work:read',
  'assignment.updated': 'work:read',
  'project.progress': 'projects:read',
  'notification.created': 'profile',
  'message.created': 'profile',
  // Both sides hear of an appeal: a worker's token reads work, a requester's projects; the event
  // carries ids only, as a notification's does.
  'appeal.updated': 'profile',
};

/** Sent once when the connection is registered: from here on no event for this user is missed. */
export const liveReadySchema = z.object({ type: z.literal('ready') });

/** Every message the server sends on the socket. */
export const liveMessageSchema = z.discriminatedUnion('type', [
  liveReadySchema,
  ...liveEventSchema.options,
]);
export type LiveMessage = z.infer<typeof liveMessageSchema>;

/** Close codes the server uses besides the standard ones (1001 going away on shutdown). */
export const LIVE_CLOSE_CODES = {
  /** The client read too slowly and its send buffer filled up: reconnect and refetch. */
  slowConsumer: 4008,
  /**
   * Refused on opening: this account (or this address) already has as many sockets open on this
   * server as it may. The reason says which; reconnect with backoff once one of them is closed.
   */
  tooManyConnections: 4429,
} as const;
