import type { Config } from '../../config.js';
import type { Db } from '../../db/database.js';
import { createServerSecrets } from '../../db/server-secrets.js';
import { cachedValue } from '../../lib/cached-value.js';
import type { Clock } from '../../lib/clock.js';
import type { SecretBox } from '../../lib/secret-box.js';
import { loadServerKeyBox } from '../../lib/server-key-box.js';
import { createWebhookOutbox } from './webhook-outbox.js';

// What other modules use of the outbox: the type services are given, and the one-statement helper.
export { withOutbox, type OutboxListener, type WebhookOutbox } from './webhook-outbox.js';
import { createWebhookSender, type WebhookSender } from './webhook-sender.js';
import { systemLookup, type HostLookup } from './webhook-target.js';
import { createWebhooksRepository } from './webhooks.repository.js';
import { createWebhooksService } from './webhooks.service.js';

/** A receiver gets this long to answer a delivery. */
const DELIVERY_TIMEOUT_MS = 10_000;
/**
 * How stale this instance's idea of which events have subscribers may be: a webhook created on
 * another instance gets events from at most this long after its creation (this instance's own
 * creations and deletions are seen at once).
 */
const SUBSCRIBED_EVENTS_TTL_MS = 5_000;

/** The webhooks service, and the outbox services queue their changes' deliveries in. */
export function createWebhooksModule(deps: {
  db: Db;
  clock: Clock;
  /** The server key that seals signing secrets (the one that seals MTurk access keys). */
  config: Pick<Config, 'accessKeyEncryption' | 'sessionSecret'>;
  allowPrivateTargets: boolean;
  /** How host names resolve (tests simulate DNS rebinding with their own). */
  lookup?: HostLookup | undefined;
  send?: WebhookSender | undefined;
}) {
  const repository = createWebhooksRepository(deps.db);
  let box: Promise<SecretBox> | undefined;
  // Loaded on first use: building the services stays synchronous, and a failed load is retried.
  const loadBox = () => {
    box ??= loadServerKeyBox(deps.config, createServerSecrets(deps.db)).catch((error: unknown) => {
      box = undefined;
      throw error;
    });
    return box;
  };
  const subscribed = cachedValue(
    (trx?: Db) => repository.subscribedEvents(trx),
    SUBSCRIBED_EVENTS_TTL_MS,
    deps.clock,
  );
  const service = createWebhooksService({
    webhooks: repository,
    clock: deps.clock,
    send: deps.send ?? createWebhookSender({ timeoutMs: DELIVERY_TIMEOUT_MS }),
    lookup: deps.lookup ?? systemLookup,
    allowPrivateTargets: deps.allowPrivateTargets,
    box: loadBox,
    changed: () => subscribed.invalidate(),
  });
  const outbox = createWebhookOutbox({
    webhooks: service,
    repository,
    subscribed: (trx) => subscribed.get(trx),
    clock: deps.clock,
  });
  return { service, outbox };
}
