import type { FastifyRequest } from 'fastify';
import { idempotencyHeadersSchema } from '../../../shared/api/money.js';
import { requireUser } from '../../plugins/auth.js';
import type { IdempotencyScope } from './idempotency.repository.js';

/** The `Idempotency-Key` header of the routes that take one. */
export const idempotencyHeaders = idempotencyHeadersSchema;

/**
 * The request's Idempotency-Key scoped to its caller and route (the route's pattern, so every
 * `/assignments/:id/bonus` shares one key space and the id is part of the request), or undefined
 * when the request sent none.
 */
export function idempotencyScopeOf(request: FastifyRequest): IdempotencyScope | undefined {
  const key = request.headers['idempotency-key'];
  if (typeof key !== 'string') return undefined;
  return {
    callerId: requireUser(request).user.id,
    route: `${request.method} ${request.routeOptions.url}`,
    key,
  };
}
