import { Counter, Gauge, type Registry } from 'prom-client';

/**
 * Prometheus metrics of live events. Made before the app's registry exists (the bus is built
 * with the services) and registered into it with the WebSocket route.
 */
export function createLiveMetrics() {
  return {
    connections: new Gauge({
      name: 'tessera_live_connections',
      help: 'WebSocket clients connected to this instance',
      registers: [],
    }),
    delivered: new Counter({
      name: 'tessera_live_events_delivered_total',
      help: 'Live events sent to WebSocket clients of this instance, by event type',
      labelNames: ['type'],
      registers: [],
    }),
    dropped: new Counter({
      name: 'tessera_live_events_dropped_total',
      help: 'Live events not delivered: redis_unavailable (not fanned out), backlog (too many publishes waiting on Redis), slow_consumer (a client read too slowly and was disconnected)',
      labelNames: ['reason'],
      registers: [],
    }),
    refused: new Counter({
      name: 'tessera_live_connections_refused_total',
      help: 'WebSocket clients closed on opening (4429) because their user or address already held as many sockets on this instance as allowed, by limit: user, address',
      labelNames: ['limit'],
      registers: [],
    }),
    busConnected: new Gauge({
      name: 'tessera_live_bus_connected',
      help: '1 while the Redis fan-out subscriber is connected (always 1 without Redis)',
      registers: [],
    }),
  };
}

export type LiveMetrics = ReturnType<typeof createLiveMetrics>;

export function registerLiveMetrics(registry: Registry, metrics: LiveMetrics) {
  registry.registerMetric(metrics.connections);
  registry.registerMetric(metrics.delivered);
  registry.registerMetric(metrics.dropped);
  registry.registerMetric(metrics.refused);
  registry.registerMetric(metrics.busConnected);
}
