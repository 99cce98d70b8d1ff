import { spawnSync } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signUp, type Client } from '../../../../test/helpers/app.js';
import { openLive, sessionCookie, type LiveClient } from '../../../../test/helpers/live.js';
import { startPrivateRedis, type PrivateRedis } from '../../../../test/helpers/private-redis.js';
import { fundedProject } from '../../../../test/helpers/review.js';
import type { LiveMessage } from '../../../shared/live-events.js';
import { buildApp, type App } from '../../app.js';
import { loadConfig } from '../../config.js';

// Ports of this suite (22000–22999 belong to the live-events suites).
const REDIS_PORT = 22110;
const PORT_A = 22111;
const PORT_B = 22112;
/** Far longer than ioredis takes to reconnect (its backoff tops out at 2 s). */
const RECOVERY_MS = 20_000;

/**
 * Two instances over one database and a real `redis-server` of the suite's own, which it kills
 * and starts again. Runs where REDIS_URL is set (CI sets it), like the other Redis suites; there
 * the redis-server binary must exist, or the suite fails saying so.
 */
const withRedis = Boolean(process.env.REDIS_URL);
const ctx = withRedis ? await createTestApp() : undefined;

describe.runIf(withRedis)('live events across instances through Redis', () => {
  let redis: PrivateRedis;
  let a: App;
  let b: App;
  const sockets: LiveClient[] = [];

  beforeAll(async () => {
    if (spawnSync('redis-server', ['--version']).error) {
      throw new Error(
        'redis-server is not installed: this suite needs it (apt-get install redis-server)',
      );
    }
    redis = await startPrivateRedis(REDIS_PORT);
    const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', REDIS_URL: redis.url });
    const instance = async (port: number) => {
      const app = await buildApp({
        config,
        db: ctx!.database.db,
        clock: ctx!.clock,
        logger: false,
        rateLimits: { read: 100_000, write: 100_000, anonymous: 100_000, oauth: 100_000 },
      });
      await app.listen({ port, host: '127.0.0.1' });
      return app;
    };
    [a, b] = await Promise.all([instance(PORT_A), instance(PORT_B)]);
  }, 60_000);
  afterAll(async () => {
    sockets.forEach((socket) => socket.close());
    await Promise.all([a?.close(), b?.close()]);
    await redis?.kill();
  });

  /** A signed-in user's WebSocket to one instance, as a page served by it would open it. */
  async function liveOn(port: number, client: Client) {
    const socket = await openLive(`ws://127.0.0.1:${port}/api/v1/ws`, {
      headers: { cookie: sessionCookie(client), origin: `http://127.0.0.1:${port}` },
    });
    sockets.push(socket);
    return socket;
  }

  /** A requester's lifecycle call made through instance `app` with their browser session. */
  function lifecycle(app: App, client: Client, projectId: string, action: 'pause' | 'resume') {
    const csrf = client.cookie('csrf_token') as string;
    return app.inject({
      method: 'POST',
      url: `/api/v1/projects/${projectId}/${action}`,
      headers: {
        cookie: `${sessionCookie(client)}; csrf_token=${csrf}`,
        'x-csrf-token': csrf,
      },
    });
  }

  async function metric(app: App, pattern: RegExp): Promise<number> {
    const text = (await app.inject({ method: 'GET', url: '/metrics' })).body;
    return Number(pattern.exec(text)?.[1] ?? 0);
  }
  const busConnected = (app: App) => metric(app, /^tessera_live_bus_connected (\d+)/m);

  /** Polls a condition the servers reach on their own (a reconnect), failing after `ms`. */
  async function eventually(what: string, check: () => Promise<boolean>, ms = RECOVERY_MS) {
    const deadline = Date.now() + ms;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error(`${what} did not happen within ${ms} ms`);
      await sleep(50);
    }
  }

  const feedChange = (projectId: string, change: string) => (m: LiveMessage) =>
    m.type === 'feed.changed' && m.projectId === projectId && m.change === change;

  it('fans out, keeps serving while Redis is down, and resumes when it is back', async () => {
    const { requester, projectId } = await fundedProject(ctx!.app, { tasks: 2 });
    const worker = await signUp(ctx!.app, { roles: ['worker'] });
    await eventually('both instances subscribing', async () =>
      (await Promise.all([busConnected(a), busConnected(b)])).every((v) => v === 1),
    );
    const onA = await liveOn(PORT_A, worker.client);
    const onB = await liveOn(PORT_B, worker.client);

    // An event caused through A reaches a client of B.
    expect((await lifecycle(a, requester.client, projectId, 'pause')).statusCode).toBe(200);
    await onB.waitFor(feedChange(projectId, 'paused'), 'the pause, through Redis');

    await redis.kill();
    await eventually('A noticing Redis is gone', async () => (await busConnected(a)) === 0);
    const started = Date.now();
    const resumed = await lifecycle(a, requester.client, projectId, 'resume');
    expect(resumed.statusCode).toBe(200);
    expect((await a.inject({ method: 'GET', url: '/api/v1/healthz' })).statusCode).toBe(200);
    const me = await a.inject({
      method: 'GET',
      url: '/api/v1/me',
      headers: { cookie: sessionCookie(worker.client) },
    });
    expect(me.statusCode).toBe(200);
    // Publishing failed fast and was counted, never held the request.
    expect(Date.now() - started).toBeLessThan(5_000);
    await eventually(
      'the lost event being counted',
      async () =>
        (await metric(
          a,
          /^tessera_live_events_dropped_total\{reason="redis_unavailable"\} (\d+)/m,
        )) > 0,
      5_000,
    );
    // A's own clients still hear A's events.
    await onA.waitFor(feedChange(projectId, 'resumed'), 'the resume, on the same instance');

    await redis.start();
    await eventually('both instances subscribing again', async () =>
      (await Promise.all([busConnected(a), busConnected(b)])).every((v) => v === 1),
    );
    // Until A's publishing connection is back too, a change may still be lost: repeat until one
    // arrives (events are hints, so that is all a client is promised).
    let action: 'pause' | 'resume' = 'pause';
    await eventually('an event from A reaching B again', async () => {
      expect((await lifecycle(a, requester.client, projectId, action)).statusCode).toBe(200);
      action = action === 'pause' ? 'resume' : 'pause';
      await sleep(200);
      return (
        onB.messages.filter(feedChange(projectId, 'paused')).length >= 2 ||
        onB.messages.some(feedChange(projectId, 'resumed'))
      );
    });
    expect(onB.socket.readyState).toBe(onB.socket.OPEN);
  });
});
