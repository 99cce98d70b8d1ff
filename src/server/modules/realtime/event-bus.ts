import { EventEmitter } from 'node:events';
import type { Role } from '../../../shared/api/accounts.js';
import type { LiveEvent } from '../../../shared/live-events.js';

/**
 * Who an event is for. The publisher decides, from what it knows of the change, who may see it:
 * one user (a worker's assignment, a requester's project, anyone's notification), or everyone
 * holding a role (all workers, for marketplace changes that carry no private data).
 */
export type Audience = { userId: string } | { role: Role };

export type LiveEventListener = (event: LiveEvent, audience: Audience) => void;

/**
 * The live-event bus: services publish, the WebSocket hub of every instance subscribes.
 *
 * - `publish` never throws and never waits: it is called after a change has committed, on the
 *   request's path, and a lost event only delays a client's refresh (events are hints).
 * - `subscribe` gets every event published on any instance (through Redis when configured),
 *   asynchronously and in publishing order per instance; it returns the way to unsubscribe.
 * - `close` releases connections; publishing after it is a no-op.
 */
export interface EventBus {
  publish(event: LiveEvent, audience: Audience): void;
  subscribe(listener: LiveEventListener): () => void;
  close(): Promise<void>;
}

/** What a service is given: it announces changes and nothing else. */
export type LiveEventPublisher = Pick<EventBus, 'publish'>;

/**
 * Delivers to this process's subscribers on a later turn of the event loop, so a publisher's
 * caller never runs (or waits for) the fan-out to sockets.
 */
export function createLocalDispatcher(onListenerError: (error: unknown) => void) {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  return {
    dispatch(event: LiveEvent, audience: Audience) {
      setImmediate(() => emitter.emit('event', event, audience));
    },
    subscribe(listener: LiveEventListener) {
      const safe: LiveEventListener = (event, audience) => {
        try {
          listener(event, audience);
        } catch (error) {
          onListenerError(error);
        }
      };
      emitter.on('event', safe);
      return () => {
        emitter.off('event', safe);
      };
    },
    clear() {
      emitter.removeAllListeners();
    },
  };
}

/** One process, no Redis: the embedded default and every test that does not test Redis. */
export function createInProcessEventBus(
  options: { onListenerError?: (error: unknown) => void } = {},
): EventBus {
  const local = createLocalDispatcher(options.onListenerError ?? (() => {}));
  let closed = false;
  return {
    publish(event, audience) {
      if (!closed) local.dispatch(event, audience);
    },
    subscribe: (listener) => local.subscribe(listener),
    async close() {
      closed = true;
      local.clear();
    },
  };
}
