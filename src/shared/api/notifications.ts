import { z } from 'zod';
import { idSchema, pageOf, pageQueryWith } from './common.js';
import { endpoint } from './endpoint.js';

/**
 * What a notification announces; workers get the first three, requesters the next two, and
 * workers the payout and qualification-request ones. `requester_message` is a message a
 * requester sent to workers who did their work (MTurk's NotifyWorkers); `message_received` a
 * message in one of my threads (api/messages.ts). A requester hears of a worker's appeal
 * (`appeal_received`) and the worker of its decision (`appeal_decided`).
 */
export const NOTIFICATION_KINDS = [
  'assignment_approved',
  'assignment_rejected',
  'bonus_received',
  'project_finished',
  'escrow_returned',
  'payout_paid',
  'qualification_granted',
  'qualification_refused',
  'requester_message',
  'message_received',
  'appeal_received',
  'appeal_decided',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export const NOTIFICATION_LIMITS = {
  titleMax: 200,
  /** Fits a requester's whole message (MTurk's NotifyWorkers allows 4,096 characters). */
  bodyMax: 4_096,
  linkMax: 500,
  /** Ids in one mark-read call. */
  markReadMax: 100,
} as const;

export const notificationSchema = z.object({
  id: z.string(),
  kind: z.enum(NOTIFICATION_KINDS),
  title: z.string(),
  body: z.string(),
  /** A path inside the web app (e.g. `/work/<assignmentId>`), or null. */
  link: z.string().nullable(),
  readAt: z.string().nullable(),
  createdAt: z.string(),
});
export type Notification = z.infer<typeof notificationSchema>;

export const notificationListQuerySchema = pageQueryWith({
  unread: z
    .enum(['true', 'false'], { message: 'must be true or false' })
    .transform((value) => value === 'true')
    .optional(),
});

export const notificationPageSchema = pageOf(notificationSchema).extend({
  unreadCount: z.number().int(),
});
export type NotificationPage = z.infer<typeof notificationPageSchema>;

const notificationIdsSchema = z
  .array(idSchema)
  .min(1, 'must list at least one id')
  .max(NOTIFICATION_LIMITS.markReadMax, `must list at most ${NOTIFICATION_LIMITS.markReadMax} ids`);

/** Either some of my notifications by id, or all of them. */
export const markReadBodySchema = z
  .strictObject({
    ids: notificationIdsSchema.optional(),
    all: z.literal(true, { message: 'must be true' }).optional(),
  })
  .refine((body) => (body.ids === undefined) !== (body.all === undefined), {
    message: 'give either ids or all: true',
  });
export type MarkReadBody = z.infer<typeof markReadBodySchema>;

export const markReadResultSchema = z.object({
  /** How many changed: were unread and are now read (or, marking unread, the other way). */
  marked: z.number().int(),
  unreadCount: z.number().int(),
});

/** Some of my read notifications, to show as unread again. */
export const markUnreadBodySchema = z.strictObject({ ids: notificationIdsSchema });

/** `GET /me/notifications/unread-count`: cheap enough to poll. */
export const unreadCountSchema = z.object({ unreadCount: z.number().int() });

const inbox = { tag: 'notifications', auth: { scope: 'profile' } } as const;

export const notificationEndpoints = {
  list: endpoint({
    ...inbox,
    method: 'GET',
    path: '/me/notifications',
    summary: 'My notifications, newest first, and how many are unread',
    query: notificationListQuerySchema,
    response: notificationPageSchema,
  }),
  unreadCount: endpoint({
    ...inbox,
    method: 'GET',
    path: '/me/notifications/unread-count',
    summary: 'How many of my notifications are unread (for a badge; cheap to poll)',
    response: unreadCountSchema,
  }),
  markUnread: endpoint({
    ...inbox,
    method: 'POST',
    path: '/me/notifications/unread',
    summary: 'Mark some of my notifications unread again',
    body: markUnreadBodySchema,
    response: markReadResultSchema,
  }),
  markRead: endpoint({
    ...inbox,
    method: 'POST',
    path: '/me/notifications/read',
    summary: 'Mark some of my notifications (or all) read',
    body: markReadBodySchema,
    response: markReadResultSchema,
  }),
};
