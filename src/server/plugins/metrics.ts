import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { collectDefaultMetrics, Histogram, Registry } from 'prom-client';
import { NotFoundError } from '../errors.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** This app's registry, for modules that add their own metrics. */
    metricsRegistry: Registry;
  }
}

export type MetricsOptions = {
  /** METRICS_TOKEN: a caller presenting it as a bearer token reads the metrics from anywhere. */
  token: string | undefined;
};

/** 127.0.0.0/8 and ::1, also written as IPv4-mapped IPv6. */
function isLoopback(address: string): boolean {
  const v4 = address.startsWith('::ffff:') ? address.slice('::ffff:'.length) : address;
  return v4.startsWith('127.') || address === '::1';
}

function sameSecret(presented: string, expected: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(presented), digest(expected));
}

/**
 * The metrics tell how busy the site is, which routes fail and what runs inside: they are for
 * the operator. A caller may read them with the configured bearer token, or from this host. The
 * client address is request.ip, after TRUST_PROXY: a request nginx relays from outside counts as
 * that outside client. A relayed request is never local, even from a proxy TRUST_PROXY does not
 * name (it would otherwise count as the proxy's loopback address).
 */
function mayRead(request: FastifyRequest, token: string | undefined): boolean {
  const presented = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
  if (token && presented) return sameSecret(presented, token);
  const relayed =
    request.headers['x-forwarded-for'] !== undefined || request.headers.forwarded !== undefined;
  return isLoopback(request.ip) && !relayed;
}

/**
 * Prometheus metrics at /metrics: process defaults and request durations by route. Anyone else
 * gets the 404 of a page that does not exist.
 */
async function metricsPlugin(app: FastifyInstance, opts: MetricsOptions) {
  const registry = new Registry();
  app.decorate('metricsRegistry', registry);
  collectDefaultMetrics({ register: registry });
  const duration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request duration by route and status',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  app.addHook('onResponse', async (request, reply) => {
    duration.observe(
      {
        method: request.method,
        route: request.routeOptions.url ?? 'unmatched',
        status: String(reply.statusCode),
      },
      reply.elapsedTime / 1000,
    );
  });
  app.get(
    '/metrics',
    // `external`: its bearer token is METRICS_TOKEN, not a user's access token.
    { config: { auth: 'external' }, schema: { hide: true } },
    async (request, reply) => {
      if (!mayRead(request, opts.token)) throw new NotFoundError('Page');
      return reply.type(registry.contentType).send(await registry.metrics());
    },
  );
}

export default fp(metricsPlugin, { name: 'metrics' });
