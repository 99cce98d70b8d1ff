import { randomUUID } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import { Redis } from 'ioredis';
import { z } from 'zod';
import { ROLES } from '../../../shared/api/accounts.js';
import { liveEventSchema } from '../../../shared/live-events.js';
import { createLocalDispatcher, type EventBus } from './event-bus.js';
import type { LiveMetrics } from './live-metrics.js';

export const LIVE_CHANNEL = 'tessera:live:v1';

/** Publishes waiting on Redis at once; past this, new events are dropped rather than queued. */
const MAX_IN_FLIGHT = 1_000;
/** A publish Redis has not answered by then fails (and is dropped), so nothing waits forever. */
const COMMAND_TIMEOUT_MS = 2_000;

const envelopeSchema = z.object({
  /** The publishing instance: it has delivered to its own clients already. */
  origin: z.string(),
  event: liveEventSchema,
  audience: z.union([z.object({ userId: z.string() }), z.object({ role: z.enum(ROLES) })]),
});

type Log = Pick<FastifyBaseLogger, 'info' | 'warn' | 'error'>;

/**
 * Fan-out between instances over Redis pub/sub. An instance delivers its own events to its own
 * clients directly (so one instance keeps working live while Redis is away) and publishes them on
 * one channel that every instance subscribes to, through a second connection (a subscribing
 * Redis connection can do nothing else).
 *
 * While Redis is unreachable, publishing fails fast (no offline queue) and the event is dropped,
 * counted and logged once per outage: the request that caused it is never failed or delayed.
 * ioredis reconnects both connections by itself and the subscriber subscribes again on each new
 * connection, so fan-out resumes without a restart.
 */
export function createRedisEventBus(options: {
  url: string;
  log: Log;
  metrics: LiveMetrics;
  channel?: string;
}): EventBus {
  const { log, metrics } = options;
  const channel = options.channel ?? LIVE_CHANNEL;
  const origin = randomUUID();
  const local = createLocalDispatcher((error) =>
    log.error({ err: error }, 'live event listener failed'),
  );
  const publisher = new Redis(options.url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    commandTimeout: COMMAND_TIMEOUT_MS,
  });
  // Subscribes anew on every connection (below), so it knows when fan-out is really back.
  const subscriber = new Redis(options.url, {
    maxRetriesPerRequest: null,
    autoResubscribe: false,
  });
  let inFlight = 0;
  let closed = false;
  let outage = false;
  metrics.busConnected.set(0);

  function noteOutage(error: unknown) {
    if (outage || closed) return;
    outage = true;
    log.warn(
      { err: error },
      'Redis is unreachable: live events between instances pause until it is back',
    );
  }
  publisher.on('error', noteOutage);
  subscriber.on('error', (error) => {
    metrics.busConnected.set(0);
    noteOutage(error);
  });
  subscriber.on('close', () => metrics.busConnected.set(0));
  subscriber.on('ready', () => {
    subscriber.subscribe(channel).then(
      () => {
        metrics.busConnected.set(1);
        if (outage) log.info('Redis is back: live events between instances resume');
        outage = false;
      },
      (error: unknown) => noteOutage(error),
    );
  });
  subscriber.on('message', (from: string, raw: string) => {
    if (from !== channel) return;
    let parsed: z.infer<typeof envelopeSchema>;
    try {
      parsed = envelopeSchema.parse(JSON.parse(raw));
    } catch {
      // An instance of another version, or something else on the channel: not ours to deliver.
      return;
    }
    if (parsed.origin !== origin) local.dispatch(parsed.event, parsed.audience);
  });

  return {
    publish(event, audience) {
      if (closed) return;
      local.dispatch(event, audience);
      if (inFlight >= MAX_IN_FLIGHT) {
        metrics.dropped.inc({ reason: 'backlog' });
        return;
      }
      inFlight += 1;
      publisher
        .publish(channel, JSON.stringify({ origin, event, audience }))
        .catch((error: unknown) => {
          metrics.dropped.inc({ reason: 'redis_unavailable' });
          noteOutage(error);
        })
        .finally(() => {
          inFlight -= 1;
        });
    },
    subscribe: (listener) => local.subscribe(listener),
    async close() {
      closed = true;
      local.clear();
      publisher.disconnect();
      subscriber.disconnect();
    },
  };
}
