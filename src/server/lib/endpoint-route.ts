import type { FastifyInstance, FastifyReply, FastifyRequest, RouteShorthandOptions } from 'fastify';
import type {
  Endpoint,
  EndpointBody,
  EndpointInputs,
  EndpointParams,
  EndpointQuery,
  EndpointReply,
} from '../../shared/api/endpoint.js';

type EndpointRoute<E extends EndpointInputs> = {
  Params: EndpointParams<E>;
  Querystring: EndpointQuery<E>;
  Body: EndpointBody<E>;
};

/** A request to an endpoint, typed by its declaration's schemas (already validated). */
export type EndpointRequest<E extends EndpointInputs> = FastifyRequest<EndpointRoute<E>>;

/** Returns the answer to serialise, or (for an endpoint that `produces` a file) the sent reply. */
export type EndpointHandler<E extends Endpoint> = (
  request: EndpointRequest<E>,
  reply: FastifyReply,
) => Promise<E['produces'] extends readonly string[] ? FastifyReply : EndpointReply<E>>;

/** What a route may add to its declaration: server-only settings such as a stricter rate limit. */
export type RouteExtras = {
  rateLimit?: { max: number; timeWindow: number };
  bodyLimit?: number;
  /** See FastifyContextConfig.allowUnverifiedEmail (plugins/auth.ts). */
  allowUnverifiedEmail?: boolean;
  /** The handler reports text PostgreSQL cannot store in its body itself (plugins/text-input). */
  checksOwnText?: boolean;
  /** False where a HEAD would cost as much as the GET only to drop the answer (an export). */
  exposeHeadRoute?: boolean;
};

/**
 * Registers the route of a declared endpoint: method, path, auth, validation, serialisation and
 * OpenAPI entry all come from the declaration, so the server and the web app cannot drift apart.
 */
export function serveEndpoint<E extends Endpoint>(
  app: FastifyInstance,
  endpoint: E,
  handler: EndpointHandler<E>,
  extras: RouteExtras = {},
) {
  const status = endpoint.status ?? 200;
  const options: RouteShorthandOptions = {
    config: {
      auth: endpoint.auth,
      ...(extras.rateLimit && { rateLimit: extras.rateLimit }),
      ...(extras.allowUnverifiedEmail && { allowUnverifiedEmail: true }),
      ...(extras.checksOwnText && { checksOwnText: true }),
    },
    ...(extras.bodyLimit !== undefined && { bodyLimit: extras.bodyLimit }),
    ...(extras.exposeHeadRoute !== undefined && { exposeHeadRoute: extras.exposeHeadRoute }),
    schema: {
      tags: [endpoint.tag],
      summary: endpoint.summary,
      ...(endpoint.description && { description: endpoint.description }),
      ...(endpoint.params && { params: endpoint.params }),
      ...(endpoint.query && { querystring: endpoint.query }),
      ...(endpoint.headers && { headers: endpoint.headers }),
      ...(endpoint.body && { body: endpoint.body }),
      ...(endpoint.consumes && { consumes: [...endpoint.consumes] }),
      ...(endpoint.produces && { produces: [...endpoint.produces] }),
      // A created resource answers 201; only an endpoint that takes an Idempotency-Key (its
      // declared headers) also answers 200, when the same request is replayed.
      response:
        status === 201 && endpoint.headers
          ? { 201: endpoint.response, 200: endpoint.response }
          : { [status]: endpoint.response },
    },
  };
  // The schemas above make Fastify hand the handler exactly the types EndpointRequest names.
  app.route<EndpointRoute<E>>({
    ...options,
    method: endpoint.method,
    url: endpoint.path,
    handler: async (request, reply) => {
      // The declared success status; a handler may answer otherwise (200 for a replay).
      reply.code(status);
      return handler(request, reply);
    },
  });
}
