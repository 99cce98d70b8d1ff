import { z } from 'zod';
import { idSchema, pagedList, pageQuerySchema } from './common.js';
import { readWriteAccess } from './access.js';
import { endpoint } from './endpoint.js';

/**
 * What a webhook may subscribe to. `assignment.abandoned` is an assignment whose deadline passed
 * (MTurk's AssignmentAbandoned); `task.reviewable` is a task whose every slot has been worked and
 * none is still being worked (MTurk's HITReviewable); `ping` is what a test send sends.
 */
export const WEBHOOK_EVENTS = [
  'assignment.accepted',
  'assignment.submitted',
  'assignment.approved',
  'assignment.rejected',
  'assignment.returned',
  'assignment.abandoned',
  'task.reviewable',
  'project.finished',
  'ping',
] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

/** pending: will be tried (again); delivered: a 2xx came back; failed: given up. */
export const WEBHOOK_DELIVERY_STATUSES = ['pending', 'delivered', 'failed'] as const;
export type WebhookDeliveryStatus = (typeof WEBHOOK_DELIVERY_STATUSES)[number];

export const WEBHOOK_LIMITS = {
  urlMax: 2_048,
  descriptionMax: 200,
  perUser: 20,
  /** How much of a receiver's answer the delivery log keeps. */
  responseBodyMax: 1_024,
} as const;

const webhookUrlSchema = z
  .string()
  .trim()
  .max(WEBHOOK_LIMITS.urlMax, `must be at most ${WEBHOOK_LIMITS.urlMax} characters`)
  .refine((value) => URL.canParse(value), { message: 'must be an absolute URL' });

export const createWebhookBodySchema = z.strictObject({
  url: webhookUrlSchema,
  events: z
    .array(z.enum(WEBHOOK_EVENTS))
    .min(1, 'must list at least one event')
    .max(WEBHOOK_EVENTS.length)
    .refine((events) => new Set(events).size === events.length, {
      message: 'must not list an event twice',
    }),
  description: z
    .string()
    .trim()
    .max(
      WEBHOOK_LIMITS.descriptionMax,
      `must be at most ${WEBHOOK_LIMITS.descriptionMax} characters`,
    )
    .optional(),
});
export type CreateWebhookBody = z.input<typeof createWebhookBodySchema>;

export const webhookSchema = z.object({
  id: z.string(),
  url: z.string(),
  events: z.array(z.enum(WEBHOOK_EVENTS)),
  description: z.string(),
  createdAt: z.string(),
});
export type Webhook = z.infer<typeof webhookSchema>;

/** The answer to creating one: the signing secret, shown this once. */
export const createdWebhookSchema = webhookSchema.extend({
  /** `whsec_…`: verify the `webhook-signature` header with it (Standard Webhooks). */
  secret: z.string(),
});
export type CreatedWebhook = z.infer<typeof createdWebhookSchema>;

export const webhookDeliverySchema = z.object({
  id: z.string(),
  /** The `webhook-id` header, the same on every attempt. */
  messageId: z.string(),
  event: z.string(),
  status: z.enum(WEBHOOK_DELIVERY_STATUSES),
  attempts: z.number().int(),
  lastAttemptAt: z.string().nullable(),
  lastStatusCode: z.number().int().nullable(),
  /** The first KiB of the receiver's last answer. */
  lastResponse: z.string().nullable(),
  /** Why the last attempt got no answer (timeout, refused address…), else null. */
  lastError: z.string().nullable(),
  /** When it will be tried again; null once delivered or failed. */
  nextAttemptAt: z.string().nullable(),
  createdAt: z.string(),
});
export type WebhookDelivery = z.infer<typeof webhookDeliverySchema>;

const webhookParamsSchema = z.strictObject({ id: idSchema });

const { read, write } = readWriteAccess('webhooks', 'projects', ['requester']);

export const webhookEndpoints = {
  create: endpoint({
    ...write,
    method: 'POST',
    path: '/webhooks',
    summary: 'Create a webhook (its signing secret is in the answer, once)',
    description:
      'Events are POSTed as JSON signed in the Standard Webhooks format (`webhook-id`, ' +
      '`webhook-timestamp`, `webhook-signature` with HMAC-SHA256 over the secret). A receiver ' +
      'that does not answer 2xx is retried with backoff for a day. The URL must be https and ' +
      'resolve to a public address.',
    body: createWebhookBodySchema,
    response: createdWebhookSchema,
    status: 201,
  }),
  list: endpoint({
    ...read,
    ...pagedList(pageQuerySchema, webhookSchema),
    path: '/webhooks',
    summary: 'My webhooks, newest first',
  }),
  get: endpoint({
    ...read,
    method: 'GET',
    path: '/webhooks/:id',
    summary: 'One of my webhooks',
    params: webhookParamsSchema,
    response: webhookSchema,
  }),
  delete: endpoint({
    ...write,
    method: 'DELETE',
    path: '/webhooks/:id',
    summary: 'Delete one of my webhooks and its delivery log',
    params: webhookParamsSchema,
    response: z.object({ ok: z.literal(true) }),
  }),
  test: endpoint({
    ...write,
    method: 'POST',
    path: '/webhooks/:id/test',
    summary: 'Send a ping event now, once, and answer how it went',
    params: webhookParamsSchema,
    response: webhookDeliverySchema,
  }),
  deliveries: endpoint({
    ...read,
    ...pagedList(pageQuerySchema, webhookDeliverySchema),
    path: '/webhooks/:id/deliveries',
    summary: 'A webhook’s delivery log, newest first, with the last answers',
    params: webhookParamsSchema,
  }),
};
