import { randomBytes, randomUUID } from 'node:crypto';
import {
  WEBHOOK_LIMITS,
  type CreateWebhookBody,
  type WebhookEvent,
} from '../../../shared/api/webhooks.js';
import type { Db } from '../../db/database.js';
import { fromCursor, pageFrom, type CursorRequest } from '../../db/pagination.js';
import type { Clock } from '../../lib/clock.js';
import type { SecretBox } from '../../lib/secret-box.js';
import { ConflictError, NotFoundError, ValidationError } from '../../errors.js';
import { nextAttemptAt, RETRY_WINDOW_MS, verdictOf } from './webhook-retries.js';
import type { SendOutcome, WebhookMessage, WebhookSender } from './webhook-sender.js';
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

/** A webhook's secret as stored: sealed, or not yet (made before sealing; see the migration). */
type StoredSecret = { secret_ciphertext: string | null; unsealed_secret: string | null };

const UNOPENED_SECRET =
  'not sent: its signing secret is sealed with a server key this server does not have (list it in ACCESS_KEY_ENCRYPTION_PREVIOUS_KEYS)';

function invalidUrl(message: string) {
  return new ValidationError(`url: ${message}`, [{ path: 'body.url', message }]);
}

export function createWebhooksService(deps: {
  webhooks: WebhooksRepository;
  clock: Clock;
  send: WebhookSender;
  lookup: HostLookup;
  allowPrivateTargets: boolean;
  /** The server key ring that seals the signing secrets (loaded once, on first use). */
  box: () => Promise<SecretBox>;
  /** Told when a webhook is created or deleted (the cached set of subscribed events). */
  changed?: () => void;
  random?: () => number;
}) {
  const { webhooks: repository, clock } = deps;
  const targetOptions = { lookup: deps.lookup, allowPrivate: deps.allowPrivateTargets };

  async function owned(userId: string, id: string, trx?: Db) {
    const webhook = await repository.findOwned(userId, id, trx);
    if (!webhook) throw new NotFoundError('Webhook');
    return webhook;
  }

  /** The plaintext signing secret, or undefined when no key of the ring opens it. */
  async function secretOf(stored: StoredSecret): Promise<string | undefined> {
    if (stored.unsealed_secret !== null) return stored.unsealed_secret;
    if (stored.secret_ciphertext === null) return undefined;
    return (await deps.box()).open(stored.secret_ciphertext);
  }

  /** Sends one signed message to the webhook's address, checked again for this attempt. */
  async function sendSigned(
    url: string,
    secret: string,
    message: WebhookMessage,
  ): Promise<SendOutcome> {
    try {
      return await deps.send(await resolveWebhookTarget(url, targetOptions), secret, message);
    } catch (error) {
      if (!(error instanceof WebhookTargetError)) throw error;
      return { kind: 'unreachable', error: `refused: ${error.message}` };
    }
  }

  /** One attempt at one delivery: sends it, and says what came of it. */
  async function attempt(url: string, stored: StoredSecret, message: { id: string; body: string }) {
    const now = clock.now();
    const secret = await secretOf(stored);
    // Retried like an unreachable receiver: listing the missing key again lets it through.
    const outcome: SendOutcome =
      secret === undefined
        ? { kind: 'unreachable', error: UNOPENED_SECRET }
        : await sendSigned(url, secret, { ...message, timestamp: now });
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
    const result = await attempt(webhook.url, webhook, {
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
      const sealed = (await deps.box()).seal(secret);
      const created = await repository.insertWithinLimit(
        {
          user_id: userId,
          url: input.url,
          events: input.events,
          description: input.description ?? '',
          secret_ciphertext: sealed.ciphertext,
          encryption_key_id: sealed.keyId,
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

    async list(userId: string, query: CursorRequest) {
      const rows = await repository.list(userId, fromCursor(query));
      return pageFrom(rows, query.limit);
    },

    get: owned,

    async delete(userId: string, id: string) {
      if (!(await repository.deleteOwned(userId, id))) throw new NotFoundError('Webhook');
      deps.changed?.();
    },

    async deliveries(userId: string, id: string, query: CursorRequest) {
      await owned(userId, id);
      const rows = await repository.listDeliveries(id, fromCursor(query));
      return pageFrom(rows, query.limit);
    },

    /**
     * Queues `body` (sent as JSON, verbatim) for each of the user's webhooks that subscribe to
     * `event`, in `trx` — the transaction of the change it reports (the outbox,
     * webhook-outbox.ts); the sweep delivers it once committed. Answers how many were queued.
     */
    async enqueue(trx: Db, userId: string, event: WebhookEvent, body: unknown): Promise<number> {
      const subscribers = await repository.subscribers(userId, event, trx);
      const now = clock.now();
      const rows = await repository.insertDeliveries(
        subscribers.map((webhook) => newDelivery(webhook.id, event, body, now)),
        trx,
      );
      return rows.length;
    },

    sendNow,

    /** The user's webhook at exactly `url`, if they have one. */
    findByUrl: (userId: string, url: string, trx?: Db) => repository.findByUrl(userId, url, trx),

    /**
     * Queues `body` for one of the user's webhooks whatever it subscribes to (another sender —
     * the MTurk notification settings — chose the events), in `trx`, the transaction of the
     * change it reports; `label` names it in the log.
     */
    async enqueueTo(trx: Db, userId: string, webhookId: string, label: string, body: unknown) {
      const webhook = await owned(userId, webhookId, trx);
      await repository.insertDeliveries([newDelivery(webhook.id, label, body, clock.now())], trx);
    },

    /**
     * On start: seals, with the current server key, every secret stored in plaintext (webhooks
     * made before secrets were sealed) or sealed with a previous key (a rotation). A secret no
     * configured key opens is left as it is; the count of those is returned to be logged.
     */
    async sealStoredSecrets(): Promise<{ sealed: number; unreadable: number }> {
      const box = await deps.box();
      let sealed = 0;
      let unreadable = 0;
      for (const row of await repository.listSecretsToSeal(box.currentKeyId)) {
        const secret = await secretOf(row);
        if (secret === undefined) {
          unreadable++;
          continue;
        }
        await repository.sealSecret(row.id, row, box.seal(secret));
        sealed++;
      }
      return { sealed, unreadable };
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
          const result = await attempt(delivery.url, delivery, {
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
