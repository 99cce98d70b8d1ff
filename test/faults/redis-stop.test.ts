import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseKind } from '../helpers/database-kind.js';
import { startPrivateRedis, type PrivateRedis } from '../helpers/private-redis.js';
import { createServerDatabase, type ServerDatabase } from '../helpers/server-database.js';
import {
  call,
  startServerProcess,
  type Answer,
  type ServerProcess,
} from '../helpers/server-process.js';
import { SEED_PASSWORD, seedMarketplace, type Marketplace } from '../helpers/work-load.js';
import { GOOD_ANSWERS } from '../helpers/work.js';

/**
 * Redis holds only what may be lost (shared rate-limit counters, live-event fan-out), so the
 * API must not notice it going away: a server started with REDIS_URL on a private
 * `redis-server` keeps signing people in, serving sessions, work and review while Redis is
 * killed or frozen, and counts rate limits in Redis again once it is back. Runs in the
 * PostgreSQL pass (deployments with Redis run on PostgreSQL).
 */
const REDIS_PORT = 26301;
const SERVER_PORT = 26302;
/** Far below any client's patience; a Redis call that never returns must not hold a request. */
const FAIL_FAST_MS = 5_000;

let redis: PrivateRedis | undefined;
let database: ServerDatabase<Marketplace> | undefined;
let server: ServerProcess | undefined;
let market: Marketplace;

describe.runIf(testDatabaseKind() === 'postgres')('Redis going away', () => {
  beforeAll(async () => {
    redis = await startPrivateRedis(REDIS_PORT);
    database = await createServerDatabase((db) =>
      seedMarketplace(db, { feePercent: 0, requesters: 1, workers: 1, tasks: 20, slots: 1 }),
    );
    market = database.seeded;
    server = await startServerProcess(
      { ...database.env, REDIS_URL: redis.url },
      { port: SERVER_PORT },
    );
  }, 90_000);
  afterAll(async () => {
    await server?.kill('SIGKILL');
    await redis?.kill();
    await database?.drop();
  });

  const worker = () => market.workers[0]!;
  const project = () => market.projects[0]!;

  function signIn(password = SEED_PASSWORD) {
    return call(server!.base, 'POST', '/auth/login', {
      body: { email: worker().email, password },
    });
  }

  /** Sign-in, a session, work and review: each answered as usual and quickly. */
  async function everydayCalls() {
    const base = server!.base;
    const answered = (answer: Answer, status: number) => {
      expect({ status: answer.status, fast: answer.ms < FAIL_FAST_MS }).toEqual({
        status,
        fast: true,
      });
      return answer;
    };
    const signedIn = answered(await signIn(), 200);
    const cookie = signedIn
      .headers!.getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const me = answered(await call(base, 'GET', '/me', { headers: { cookie } }), 200);
    expect(me.body.email).toBe(worker().email);
    const accepted = answered(
      await call(base, 'POST', `/projects/${project().id}/assignments`, {
        token: worker().token,
        body: {},
      }),
      201,
    );
    const id = accepted.body.id as string;
    answered(
      await call(base, 'POST', `/assignments/${id}/submit`, {
        token: worker().token,
        body: { answers: GOOD_ANSWERS },
      }),
      200,
    );
    answered(
      await call(base, 'POST', `/assignments/${id}/approve`, {
        token: project().requesterToken,
        body: {},
      }),
      200,
    );
  }

  /** Wrong passwords from one address until refused: the 429 proves the limit is counted. */
  async function signInLimitRefuses() {
    const attempts = await Promise.all(Array.from({ length: 25 }, () => signIn('wrong password!')));
    const statuses = new Set(attempts.map((a) => a.status));
    expect([...statuses].sort()).toEqual([401, 429]);
  }

  it('counts rate limits in Redis while it is up', async () => {
    await everydayCalls();
    expect(await redis!.keys('tessera-rl-*')).not.toEqual([]);
  });

  it('keeps the API working when Redis stops answering (frozen), and after it thaws', async () => {
    redis!.freeze();
    try {
      await everydayCalls();
    } finally {
      redis!.thaw();
    }
    await everydayCalls();
  }, 60_000);

  it('keeps the API working when Redis is killed, and limits again once it is back', async () => {
    await redis!.kill();
    await everydayCalls();

    await redis!.start();
    // The server reconnects by itself; its next rate-limited call writes a counter again.
    const deadline = Date.now() + 20_000;
    let keys: string[] = [];
    while (!keys.length && Date.now() < deadline) {
      await call(server!.base, 'GET', '/me', { token: worker().token });
      keys = await redis!.keys('tessera-rl-*');
    }
    expect(keys).not.toEqual([]);
    await signInLimitRefuses();
  }, 60_000);
});
