import { randomBytes, randomUUID } from 'node:crypto';
import {
  WEBHOOK_LIMITS,
  type CreateWebhookBody,
  type WebhookEvent,
} from '../../../shared/api/webhooks.js';
import { decodeCursor, pageFrom } from '../../db/pagination.js';
import type { Clock } from '../../lib/clock.js';
import { ConflictError, NotFoundError, ValidationError } from '../../errors.js';
import { nextAttemptAt, RETRY_WINDOW_MS, verdictOf } from './webhook-retries.js';
import type { SendOutcome, WebhookSender } from './webhook-sender.js';
import { resolveWebhookTarget, WebhookTargetError, type HostLookup } from './webhook-target.js';
import type { WebhooksRepository } from './webhooks.repository.js';

/** How long a claimed delivery is this instance's before another may try it (a crash mid-send). */
const CLAIM_LEASE_MS = 60_000;
const CLAIM_BATCH = 20;

/**
 * Tessera's own events travel in the Standard Webhooks envelope. Other senders (the MTurk
 * notification settings) pass their own JSON instead.
 */
export function tesseraEnvelope(event: WebhookEvent, data: Record<string, unknown>, at: Date) {
  return { type: event, timestamp: at.toISOString(), data };
}

function newSecret(): string {
  return `whsec_${randomBytes(24).toString('base64')}`;
}

function invalidUrl(message: string) {
  return new ValidationError(`url: ${message}`, [{ path: 'body.url', message }]);
}

export function createWebhooksService(deps: {
  webhooks: WebhooksRepository;
  clock: Clock;
  send: WebhookSender;
  lookup: HostLookup;
  allowPrivateTargets: boolean;
  /** Told when a webhook is created or deleted (the cached set of subscribed events). */
  changed?: () => void;
  random?: () => number;
}) {
  const { webhooks: repository, clock } = deps;
  const targetOptions = { lookup: deps.lookup, allowPrivate: deps.allowPrivateTargets };

  async function owned(userId: string, id: string) {
    const webhook = await repository.findOwned(userId, id);
    if (!webhook) throw new NotFoundError('Webhook');
    return webhook;
  }

  /** One attempt at one delivery: checks the address again, sends, and says what came of it. */
  async function attempt(url: string, secret: string, message: { id: string; body: string }) {
    const now = clock.now();
    let outcome: SendOutcome;
    try {
      const target = await resolveWebhookTarget(url, targetOptions);
      outcome = await deps.send(target, secret, { ...message, timestamp: now });
    } catch (error) {
      if (!(error instanceof WebhookTargetError)) throw error;
      outcome = { kind: 'unreachable', error: `refused: ${error.message}` };
    }
    return {
      at: now,
      verdict: verdictOf(outcome),
      statusCode: outcome.kind === 'answered' ? outcome.statusCode : null,
      response: outcome.kind === 'answered' ? outcome.body : null,
      error: outcome.kind === 'unreachable' ? outcome.error : null,
    };
  }

  /** `event` is a Tessera event, or another sender's label (`mturk.AssignmentSubmitted`). */
  function newDelivery(webhookId: string, event: string, body: unknown, now: Date) {
    return {
      webhook_id: webhookId,
      message_id: `msg_${randomUUID()}`,
      event,
      body: JSON.stringify(body),
      next_attempt_at: now,
      give_up_at: new Date(now.getTime() + RETRY_WINDOW_MS),
      created_at: now,
    };
  }

  /**
   * Sends `body` to one of the user's webhooks now, once (no retries), and answers the logged
   * delivery: a test send, whatever the webhook subscribes to.
   */
  async function sendNow(userId: string, webhookId: string, event: string, body: unknown) {
    const webhook = await owned(userId, webhookId);
    const [delivery] = await repository.insertDeliveries([
      { ...newDelivery(webhook.id, event, body, clock.now()), next_attempt_at: null },
    ]);
    if (!delivery) throw new Error('the delivery was not recorded');
    const result = await attempt(webhook.url, webhook.secret, {
      id: delivery.message_id,
      body: delivery.body,
    });
    return repository.recordAttempt(delivery.id, {
      at: result.at,
      status: result.verdict === 'delivered' ? 'delivered' : 'failed',
      nextAttemptAt: null,
      statusCode: result.statusCode,
      response: result.response,
      error: result.error,
    });
  }

  return {
    async create(userId: string, input: CreateWebhookBody) {
      try {
        await resolveWebhookTarget(input.url, targetOptions);
      } catch (error) {
        if (error instanceof WebhookTargetError) throw invalidUrl(error.message);
        throw error;
      }
      const secret = newSecret();
      const created = await repository.insertWithinLimit(
        {
          user_id: userId,
          url: input.url,
          events: input.events,
          description: input.description ?? '',
          secret,
          created_at: clock.now(),
        },
        WEBHOOK_LIMITS.perUser,
      );
      deps.changed?.();
      if (!created) {
        throw new ConflictError(
          'too_many_webhooks',
          `You have ${WEBHOOK_LIMITS.perUser} webhooks, the most one account may have; delete one first.`,
        );
      }
      return { ...created, secret };
    },

    async list(userId: string, query: { limit: number; cursor?: string | undefined }) {
      const rows = await repository.list(userId, {
        limit: query.limit,
        before: decodeCursor(query.cursor),
      });
      return pageFrom(rows, query.limit);
    },

    get: owned,

    async delete(userId: string, id: string) {
      if (!(await repository.deleteOwned(userId, id))) throw new NotFoundError('Webhook');
      deps.changed?.();
    },

    async deliveries(
      userId: string,
      id: string,
      query: { limit: number; cursor?: string | undefined },
    ) {
      await owned(userId, id);
      const rows = await repository.listDeliveries(id, {
        limit: query.limit,
        before: decodeCursor(query.cursor),
      });
      return pageFrom(rows, query.limit);
    },

    /**
     * Queues `body` (sent as JSON, verbatim) for each of the user's webhooks that subscribe to
     * `event`; the sweep delivers it. Answers how many deliveries were queued.
     */
    async enqueue(userId: string, event: WebhookEvent, body: unknown): Promise<number> {
      const subscribers = await repository.subscribers(userId, event);
      const now = clock.now();
      const rows = await repository.insertDeliveries(
        subscribers.map((webhook) => newDelivery(webhook.id, event, body, now)),
      );
      return rows.length;
    },

    sendNow,

    /** The user's webhook at exactly `url`, if they have one. */
    findByUrl: (userId: string, url: string) => repository.findByUrl(userId, url),

    /**
     * Queues `body` for one of the user's webhooks whatever it subscribes to (another sender —
     * the MTurk notification settings — chose the events); `label` names it in the log.
     */
    async enqueueTo(userId: string, webhookId: string, label: string, body: unknown) {
      const webhook = await owned(userId, webhookId);
      await repository.insertDeliveries([newDelivery(webhook.id, label, body, clock.now())]);
    },

    /** A test send: a ping in Tessera's envelope. */
    ping(userId: string, webhookId: string) {
      const body = tesseraEnvelope('ping', { webhookId }, clock.now());
      return sendNow(userId, webhookId, 'ping', body);
    },

    /**
     * The sweep: sends what is due, in parallel within one claimed batch. Answers how many
     * deliveries it attempted (the runner calls again while that is not 0).
     */
    async sweepDue(): Promise<number> {
      const now = clock.now();
      const due = await repository.claimDue(
        now,
        new Date(now.getTime() + CLAIM_LEASE_MS),
        CLAIM_BATCH,
      );
      await Promise.all(
        due.map(async (delivery) => {
          const result = await attempt(delivery.url, delivery.secret, {
            id: delivery.message_id,
            body: delivery.body,
          });
          const attempts = delivery.attempts + 1;
          const retryAt =
            result.verdict === 'retry'
              ? nextAttemptAt(result.at, attempts, delivery.give_up_at, deps.random)
              : null;
          await repository.recordAttempt(delivery.id, {
            at: result.at,
            status: result.verdict === 'delivered' ? 'delivered' : retryAt ? 'pending' : 'failed',
            nextAttemptAt: retryAt,
            statusCode: result.statusCode,
            response: result.response,
            error: result.error,
          });
        }),
      );
      return due.length;
    },
  };
}

export type WebhooksService = ReturnType<typeof createWebhooksService>;
/** What other modules (the MTurk notification settings) use to send to webhooks. */
export type WebhookDispatch = Pick<WebhooksService, 'findByUrl' | 'enqueueTo' | 'sendNow'>;
