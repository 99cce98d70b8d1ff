import type { Webhook, WebhookDelivery } from '../../../shared/api/webhooks.js';
import type { WebhooksRepository } from './webhooks.repository.js';

type WebhookRow = Awaited<ReturnType<WebhooksRepository['list']>>[number];
type DeliveryRow = Awaited<ReturnType<WebhooksRepository['listDeliveries']>>[number];

/** Never the secret: it is shown once, when the webhook is created. */
export function presentWebhook(row: WebhookRow): Webhook {
  return {
    id: row.id,
    url: row.url,
    events: row.events,
    description: row.description,
    createdAt: row.created_at.toISOString(),
  };
}

export function presentDelivery(row: DeliveryRow): WebhookDelivery {
  return {
    id: row.id,
    messageId: row.message_id,
    event: row.event,
    status: row.status,
    attempts: row.attempts,
    lastAttemptAt: row.last_attempt_at?.toISOString() ?? null,
    lastStatusCode: row.last_status_code,
    lastResponse: row.last_response,
    lastError: row.last_error,
    nextAttemptAt: row.status === 'pending' ? (row.next_attempt_at?.toISOString() ?? null) : null,
    createdAt: row.created_at.toISOString(),
  };
}
