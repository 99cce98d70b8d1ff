/**
 * Live events: what other modules use.
 *
 * - Services get a `LiveEventPublisher` (`publish(event, audience)`) and call it once their
 *   change has committed (`afterCommit` from db/after-commit.ts inside a transaction).
 * - `createEventBus` picks the bus: Redis pub/sub fan-out between instances when REDIS_URL is set,
 *   in-process otherwise.
 * - The app decorates itself with `live` (the hub): `app.live.closeAll()` closes every WebSocket
 *   with 1001 going-away (a graceful shutdown calls it before draining requests; app.close() does
 *   it too), `app.live.clientCount()` says how many are connected.
 */
import type { FastifyBaseLogger } from 'fastify';
import { createInProcessEventBus, type EventBus } from './event-bus.js';
import type { LiveMetrics } from './live-metrics.js';
import { createRedisEventBus } from './redis-event-bus.js';

export type { Audience, EventBus, LiveEventPublisher } from './event-bus.js';
export { createInProcessEventBus } from './event-bus.js';
export { createLiveHub, type LiveHub } from './live-hub.js';
export { createLiveMetrics, registerLiveMetrics } from './live-metrics.js';
export { liveRoutes, liveSocketServer, redactAccessToken } from './live.routes.js';

export function createEventBus(options: {
  redisUrl: string | undefined;
  log: FastifyBaseLogger;
  metrics: LiveMetrics;
}): EventBus {
  if (options.redisUrl) {
    return createRedisEventBus({
      url: options.redisUrl,
      log: options.log,
      metrics: options.metrics,
    });
  }
  options.metrics.busConnected.set(1);
  return createInProcessEventBus({
    onListenerError: (error) => options.log.error({ err: error }, 'live event listener failed'),
  });
}
