import type { IdempotencyScope } from '../idempotency/idempotency.service.js';

/**
 * MTurk remembers a UniqueRequestToken for 24 hours: a repeat within the day is refused (the first
 * request's result is named), and after it the token may make something new.
 */
export const UNIQUE_REQUEST_TOKEN_SECONDS = 24 * 60 * 60;

/** The idempotency scope of a requester's UniqueRequestToken on one operation, if one was sent. */
export function uniqueRequestTokenScope(
  callerId: string,
  operation: 'CreateHIT' | 'SendBonus' | 'CreateAdditionalAssignmentsForHIT',
  token: string | undefined,
): IdempotencyScope | undefined {
  if (token === undefined) return undefined;
  return {
    callerId,
    route: `mturk ${operation}`,
    key: token,
    rememberSeconds: UNIQUE_REQUEST_TOKEN_SECONDS,
  };
}
