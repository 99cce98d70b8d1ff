import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { Socket } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { openLive, type LiveClient } from '../../../../test/helpers/live.js';
import { LIVE_CLOSE_CODES } from '../../../shared/live-events.js';
import { createInProcessEventBus } from './event-bus.js';
import { createLiveHub, type LiveHubOptions } from './live-hub.js';
import { createLiveMetrics } from './live-metrics.js';

// One of this suite's ports (22000–22999 belong to the live-events suites).
const PORT = 22105;
const URL = `ws://127.0.0.1:${PORT}`;
const silentLog = { warn: () => {} };

/** The hub over a bare WebSocket server: every socket is user `u1`, a worker with all scopes. */
const server = new WebSocketServer({ port: PORT, host: '127.0.0.1' });
let onConnection: (socket: WebSocket) => void = () => {};
server.on('connection', (socket) => onConnection(socket));
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function hubWith(options: Partial<LiveHubOptions>) {
  const bus = createInProcessEventBus();
  const metrics = createLiveMetrics();
  const hub = createLiveHub({ bus, metrics, log: silentLog, options });
  onConnection = (socket) =>
    hub.add(socket, { userId: 'u1', roles: ['worker'], scopes: ['work:read', 'profile'] }, '::1');
  return { bus, hub, metrics };
}

const clients: LiveClient[] = [];
let closeHub: (() => void) | undefined;
afterEach(() => {
  clients.splice(0).forEach((client) => client.close());
  closeHub?.();
});

async function connect(autoPong = true) {
  const client = await openLive(URL, { autoPong });
  clients.push(client);
  return client;
}

describe('live hub', () => {
  it('drops a client that stops answering pings and keeps one that answers', async () => {
    const { hub } = hubWith({ heartbeatMs: 50 });
    closeHub = () => hub.close();
    const answering = await connect();
    const silent = await connect(false);
    const { code } = await silent.closed;
    // Terminated without a close frame: the client sees an abnormal closure.
    expect(code).toBe(1006);
    expect(hub.clientCount()).toBe(1);
    expect(answering.socket.readyState).toBe(answering.socket.OPEN);
  });

  it('disconnects a client that does not read instead of queueing for it without bound', async () => {
    const { bus, hub, metrics } = hubWith({ maxBufferedBytes: 64 * 1024 });
    closeHub = () => hub.close();
    const slow = await connect();
    // The client stops reading: the kernel buffers fill, then the server's send buffer grows.
    const raw = (slow.socket as unknown as { _socket: Socket })._socket;
    raw.pause();
    for (let i = 0; i < 20_000 && hub.clientCount() > 0; i++) {
      bus.publish(
        { type: 'feed.changed', projectId: `p${i}-${'x'.repeat(1000)}`, change: 'availability' },
        { role: 'worker' },
      );
      if (i % 100 === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    await new Promise((resolve) => setImmediate(resolve));
    expect(hub.clientCount()).toBe(0);
    raw.resume();
    expect((await slow.closed).code).toBe(LIVE_CLOSE_CODES.slowConsumer);
    const dropped = await metrics.dropped.get();
    expect(dropped.values.find((v) => v.labels.reason === 'slow_consumer')?.value).toBe(1);
  });

  it('sends role-wide events only to holders of the role and user events only to the user', async () => {
    const { bus, hub } = hubWith({});
    closeHub = () => hub.close();
    const client = await connect();
    bus.publish({ type: 'feed.changed', projectId: 'p1', change: 'paused' }, { role: 'requester' });
    bus.publish(
      { type: 'notification.created', notificationId: 'n1', kind: 'payout_paid' },
      { userId: 'someone-else' },
    );
    bus.publish({ type: 'feed.changed', projectId: 'p2', change: 'paused' }, { role: 'worker' });
    await client.waitFor((m) => m.type === 'feed.changed', 'the worker event');
    expect(client.messages).toEqual([
      { type: 'ready' },
      { type: 'feed.changed', projectId: 'p2', change: 'paused' },
    ]);
  });
});
