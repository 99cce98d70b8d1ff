import helmet, { type FastifyHelmetOptions } from '@fastify/helmet';
import Fastify, { type FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

/** What any response carries whatever set it: not Helmet's to give. */
const NOT_HELMETS = new Set(['content-type', 'content-length', 'date', 'connection', 'keep-alive']);

/**
 * The headers @fastify/helmet gives a response with these options, found once by asking it on a
 * throwaway app: they are the same for every route here (no per-route Helmet options, no CSP
 * nonces).
 */
export async function helmetHeaders(options: FastifyHelmetOptions) {
  const probe = Fastify({ logger: false });
  await probe.register(helmet, options);
  probe.get('/', () => '');
  const response = await probe.inject('/');
  await probe.close();
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(response.headers)) {
    if (!NOT_HELMETS.has(name) && typeof value === 'string') headers[name] = value;
  }
  return headers;
}

/**
 * Helmet's security headers on every response, as @fastify/helmet sets them, at a fraction of the
 * cost: @fastify/helmet builds Helmet's middleware again for each request (parsing the CSP
 * directives every time, 4 % of the server's CPU under bench/work, in two hooks). A route may
 * still replace one (the task frames' own CSP).
 */
async function securityHeadersPlugin(app: FastifyInstance, options: FastifyHelmetOptions) {
  const headers = await helmetHeaders(options);
  app.addHook('onRequest', (_request, reply, done) => {
    reply.headers(headers);
    done();
  });
}

export default fp(securityHeadersPlugin, { name: 'security-headers' });
