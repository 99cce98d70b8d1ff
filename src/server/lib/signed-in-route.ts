import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Endpoint, EndpointAuth } from '../../shared/api/endpoint.js';
import type { AuthenticatedUser } from '../modules/accounts/accounts.service.js';
import { requireUser } from '../plugins/auth.js';
import {
  serveEndpoint,
  type EndpointHandler,
  type EndpointRequest,
  type RouteExtras,
} from './endpoint-route.js';

/** An endpoint that declares a scope: the auth plugin lets no anonymous caller reach it. */
export type SignedInEndpoint = Endpoint & { auth: Exclude<EndpointAuth, string> };

/** An endpoint handler that is also handed who is calling. */
export type SignedInHandler<E extends SignedInEndpoint> = (
  request: EndpointRequest<E>,
  caller: AuthenticatedUser,
  reply: FastifyReply,
) => ReturnType<EndpointHandler<E>>;

/**
 * `serveEndpoint` for an endpoint only a signed-in caller may use: the handler receives the
 * caller, whom the auth plugin has already checked (scope, roles) before validation.
 */
export function serveSignedIn<E extends SignedInEndpoint>(
  app: FastifyInstance,
  endpoint: E,
  handler: SignedInHandler<E>,
  extras?: RouteExtras,
) {
  serveEndpoint(
    app,
    endpoint,
    (request, reply) => handler(request, requireUser(request), reply),
    extras,
  );
}
