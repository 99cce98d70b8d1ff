import type { FastifyBaseLogger } from 'fastify';
import type { WebSocket } from 'ws';
import type { Role } from '../../../shared/api/accounts.js';
import {
  LIVE_CLOSE_CODES,
  LIVE_EVENT_SCOPES,
  type LiveEvent,
} from '../../../shared/live-events.js';
import type { Scope } from '../../../shared/scopes.js';
import type { Audience, EventBus } from './event-bus.js';
import type { LiveMetrics } from './live-metrics.js';

export const LIVE_HUB_DEFAULTS = {
  /** How often every client is pinged; one that has not answered the previous ping is dropped. */
  heartbeatMs: 30_000,
  /** Bytes queued for one client beyond which it is disconnected as a slow consumer. */
  maxBufferedBytes: 1024 * 1024,
  /** Sockets one user may hold open on this instance (`WS_MAX_PER_USER`). */
  maxPerUser: 20,
  /** Sockets one client address may hold open on this instance (`WS_MAX_PER_ADDRESS`). */
  maxPerAddress: 50,
};

export type LiveHubOptions = typeof LIVE_HUB_DEFAULTS;

type Connection = {
  socket: WebSocket;
  userId: string;
  address: string;
  roles: ReadonlySet<Role>;
  scopes: ReadonlySet<Scope>;
  alive: boolean;
};

/** The user a socket was opened for, as the auth plugin authenticated them. */
export type LiveIdentity = { userId: string; roles: readonly Role[]; scopes: readonly Scope[] };

/** ws's readyState value of an open socket. */
const OPEN = 1;
const READY_FRAME = Buffer.from(JSON.stringify({ type: 'ready' }));

/**
 * This instance's WebSocket clients, indexed by user and role, fed from the event bus. Each event
 * is serialised once and sent only to the connections its audience names whose credentials hold
 * the scope its type needs.
 */
export function createLiveHub(deps: {
  bus: Pick<EventBus, 'subscribe'>;
  metrics: LiveMetrics;
  log: Pick<FastifyBaseLogger, 'warn'>;
  options?: Partial<LiveHubOptions>;
}) {
  const options = { ...LIVE_HUB_DEFAULTS, ...deps.options };
  const { metrics } = deps;
  const all = new Set<Connection>();
  const byUser = new Map<string, Set<Connection>>();
  const byRole = new Map<Role, Set<Connection>>();
  const byAddress = new Map<string, Set<Connection>>();

  function index<K>(map: Map<K, Set<Connection>>, key: K, connection: Connection) {
    const set = map.get(key);
    if (set) set.add(connection);
    else map.set(key, new Set([connection]));
  }
  function unindex<K>(map: Map<K, Set<Connection>>, key: K, connection: Connection) {
    const set = map.get(key);
    if (!set) return;
    set.delete(connection);
    if (set.size === 0) map.delete(key);
  }

  function remove(connection: Connection) {
    if (!all.delete(connection)) return;
    unindex(byUser, connection.userId, connection);
    unindex(byAddress, connection.address, connection);
    for (const role of connection.roles) unindex(byRole, role, connection);
    metrics.connections.set(all.size);
  }

  /** Which cap a new socket of this user from this address would pass, if any. */
  function capReached(userId: string, address: string) {
    if ((byUser.get(userId)?.size ?? 0) >= options.maxPerUser) {
      const reason = `too many live connections for this account (${options.maxPerUser})`;
      return { limit: 'user', reason };
    }
    if ((byAddress.get(address)?.size ?? 0) >= options.maxPerAddress) {
      const reason = `too many live connections from this address (${options.maxPerAddress})`;
      return { limit: 'address', reason };
    }
    return undefined;
  }

  function deliver(event: LiveEvent, audience: Audience) {
    const targets = 'userId' in audience ? byUser.get(audience.userId) : byRole.get(audience.role);
    if (!targets) return;
    const scope = LIVE_EVENT_SCOPES[event.type];
    let frame: Buffer | undefined;
    let sent = 0;
    for (const connection of targets) {
      if (!connection.scopes.has(scope) || connection.socket.readyState !== OPEN) continue;
      if (connection.socket.bufferedAmount > options.maxBufferedBytes) {
        // Queueing more for a client that does not read would grow memory without bound; it
        // reconnects and refetches, which is what any gap calls for.
        metrics.dropped.inc({ reason: 'slow_consumer' });
        remove(connection);
        connection.socket.close(LIVE_CLOSE_CODES.slowConsumer, 'slow consumer');
        continue;
      }
      frame ??= Buffer.from(JSON.stringify(event));
      connection.socket.send(frame, { binary: false });
      sent += 1;
    }
    if (sent > 0) metrics.delivered.inc({ type: event.type }, sent);
  }

  const unsubscribe = deps.bus.subscribe(deliver);
  const heartbeat = setInterval(() => {
    for (const connection of all) {
      if (!connection.alive) {
        remove(connection);
        connection.socket.terminate();
        continue;
      }
      connection.alive = false;
      connection.socket.ping();
    }
  }, options.heartbeatMs);
  heartbeat.unref();

  return {
    /**
     * Registers an open socket; it is told `ready` once events for its user reach it. A socket
     * past its user's or its address's cap is closed with 4429 instead: one user's, or one
     * address's, sockets would otherwise hold this process's memory without bound. The caps are
     * per instance, as sockets live in one process.
     */
    add(socket: WebSocket, identity: LiveIdentity, address: string) {
      const refused = capReached(identity.userId, address);
      if (refused) {
        metrics.refused.inc({ limit: refused.limit });
        socket.close(LIVE_CLOSE_CODES.tooManyConnections, refused.reason);
        return;
      }
      const connection: Connection = {
        socket,
        userId: identity.userId,
        address,
        roles: new Set(identity.roles),
        scopes: new Set(identity.scopes),
        alive: true,
      };
      all.add(connection);
      index(byUser, connection.userId, connection);
      index(byAddress, address, connection);
      for (const role of connection.roles) index(byRole, role, connection);
      metrics.connections.set(all.size);
      socket.on('pong', () => {
        connection.alive = true;
      });
      socket.on('close', () => remove(connection));
      socket.on('error', () => remove(connection));
      // Clients have nothing to say; whatever they send is ignored (size-capped by the server).
      socket.send(READY_FRAME, { binary: false });
    },

    /** Closes every client with 1001 (going away): they reconnect, to another instance if any. */
    closeAll(reason = 'server shutting down') {
      for (const connection of [...all]) {
        remove(connection);
        connection.socket.close(1001, reason);
      }
    },

    clientCount: () => all.size,

    /** Stops listening and closes every client; for the app's shutdown. */
    close() {
      clearInterval(heartbeat);
      unsubscribe();
      this.closeAll();
    },
  };
}

export type LiveHub = ReturnType<typeof createLiveHub>;
