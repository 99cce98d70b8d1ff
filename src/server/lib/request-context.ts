import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * What the code running for one HTTP request may need without every call passing it along: the
 * request's id, which the audit log stores beside each entry so that an entry can be matched with
 * the server's log lines and the `x-request-id` the client saw. Outside a request (a sweep, the
 * CLI) there is none.
 */
type RequestContext = { requestId: string };

const storage = new AsyncLocalStorage<RequestContext>();

/**
 * Called from the first `onRequest` hook. `enterWith` (not `run`) because Fastify continues the
 * request from the hook's own async context: everything the request goes on to do inherits it,
 * and the next request on the same connection enters its own.
 */
export function enterRequestContext(context: RequestContext): void {
  storage.enterWith(context);
}

/** The id of the HTTP request being served, if any. */
export function currentRequestId(): string | undefined {
  return storage.getStore()?.requestId;
}
