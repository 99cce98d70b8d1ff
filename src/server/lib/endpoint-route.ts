import type {
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
  RouteHandlerMethod,
  RouteShorthandOptions,
} from 'fastify';
import type {
  DocumentEndpoint,
  Endpoint,
  EndpointBody,
  EndpointInputs,
  EndpointParams,
  EndpointQuery,
  EndpointReply,
} from '../../shared/api/endpoint.js';

/** A request to an endpoint, typed by its declaration's schemas (already validated). */
export type EndpointRequest<E extends EndpointInputs> = FastifyRequest<{
  Params: EndpointParams<E>;
  Querystring: EndpointQuery<E>;
  Body: EndpointBody<E>;
}>;

export type EndpointHandler<E extends Endpoint> = (
  request: EndpointRequest<E>,
  reply: FastifyReply,
) => Promise<EndpointReply<E>>;

/** What a route may add to its declaration: server-only settings such as a stricter rate limit. */
export type RouteExtras = {
  rateLimit?: { max: number; timeWindow: number };
  bodyLimit?: number;
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
    config: { auth: endpoint.auth, ...(extras.rateLimit && { rateLimit: extras.rateLimit }) },
    ...(extras.bodyLimit !== undefined && { bodyLimit: extras.bodyLimit }),
    schema: {
      tags: [endpoint.tag],
      summary: endpoint.summary,
      ...(endpoint.params && { params: endpoint.params }),
      ...(endpoint.query && { querystring: endpoint.query }),
      ...(endpoint.body && { body: endpoint.body }),
      ...(endpoint.headers && { headers: endpoint.headers }),
      // A created resource answers 201; the same request replayed (Idempotency-Key) answers 200.
      response:
        status === 201
          ? { 201: endpoint.response, 200: endpoint.response }
          : { 200: endpoint.response },
    },
  };
  app.route({
    ...options,
    method: endpoint.method,
    url: endpoint.path,
    handler: (async (request: EndpointRequest<E>, reply: FastifyReply) => {
      // The declared success status; a handler may answer otherwise (200 for a replay).
      reply.code(status);
      return handler(request, reply);
      // The schemas above make Fastify hand the handler exactly the types EndpointRequest names.
    }) as unknown as RouteHandlerMethod,
  });
}

/**
 * Registers the route of a declared document endpoint: method, path, auth, validation of its
 * parameters and OpenAPI entry come from the declaration; the handler sends the document.
 */
export function serveDocument<E extends DocumentEndpoint>(
  app: FastifyInstance,
  endpoint: E,
  handler: (request: EndpointRequest<E>, reply: FastifyReply) => Promise<FastifyReply>,
) {
  app.route({
    method: endpoint.method,
    url: endpoint.path,
    config: { auth: endpoint.auth },
    schema: {
      tags: [endpoint.tag],
      summary: endpoint.summary,
      ...(endpoint.params && { params: endpoint.params }),
      ...(endpoint.query && { querystring: endpoint.query }),
      ...(endpoint.headers && { headers: endpoint.headers }),
    },
    // As in serveEndpoint: the schemas above make Fastify hand the handler these types.
    handler: handler as unknown as RouteHandlerMethod,
  });
}
