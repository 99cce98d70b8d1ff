import { describe, expect, it } from 'vitest';
import { Client, createTestApp, signUp, TEST_PASSWORD } from '../../../../test/helpers/app.js';
import { buildApp } from '../../app.js';

const ctx = await createTestApp({
  env: {
    LOGIN_THROTTLE_FAILURES: '5',
    LOGIN_THROTTLE_WINDOW_SECONDS: '900',
    LOGIN_THROTTLE_BACKOFF_SECONDS: '60',
    LOGIN_THROTTLE_MAX_BACKOFF_SECONDS: '300',
  },
});
const { app, clock } = ctx;
const MINUTE = 60_000;

let address = 0;
/** A sign-in from a browser of its own at an address of its own (TRUST_PROXY trusts loopback). */
function signIn(email: string, password: string, client = new Client(app)) {
  address++;
  return client.post(
    '/api/v1/auth/login',
    { email, password },
    { 'x-forwarded-for': `198.51.${Math.floor(address / 250)}.${address % 250}` },
  );
}

async function wrongTimes(email: string, times: number) {
  const codes: number[] = [];
  for (let i = 0; i < times; i++) codes.push((await signIn(email, 'wrong password!')).statusCode);
  return codes;
}

describe('sign-in throttling per account', () => {
  it('refuses an account’s sign-ins with 429 after 5 failures, whatever the address', async () => {
    const { email } = await signUp(app);
    const codes = await wrongTimes(email, 25);
    expect(codes).toEqual([...Array(5).fill(401), ...Array(20).fill(429)]);

    const refused = await signIn(email, TEST_PASSWORD);
    expect(refused.statusCode).toBe(429);
    expect(refused.headers['retry-after']).toBe('60');
    expect(refused.json().error.code).toBe('too_many_attempts');

    clock.advance(MINUTE);
    expect((await signIn(email, TEST_PASSWORD)).statusCode).toBe(200);
    // Success starts the count afresh: five more mistakes are answered, the sixth is not.
    expect(await wrongTimes(email, 6)).toEqual([401, 401, 401, 401, 401, 429]);
  });

  it('doubles the wait after each failure let through, up to the cap', async () => {
    const { email } = await signUp(app);
    await wrongTimes(email, 5);
    const waits: string[] = [];
    for (let round = 0; round < 4; round++) {
      const refused = await signIn(email, 'wrong password!');
      expect(refused.statusCode).toBe(429);
      waits.push(String(refused.headers['retry-after']));
      clock.advance(Number(refused.headers['retry-after']) * 1000);
      expect((await signIn(email, 'wrong password!')).statusCode).toBe(401);
    }
    expect(waits).toEqual(['60', '120', '240', '300']);
    const capped = await signIn(email, TEST_PASSWORD);
    expect(capped.headers['retry-after']).toBe('300');
    clock.advance(5 * MINUTE);
    expect((await signIn(email, TEST_PASSWORD)).statusCode).toBe(200);
  });

  it('answers an unknown email exactly as a known one', async () => {
    const { email } = await signUp(app);
    const unknown = `nobody-${Date.now()}@example.com`;
    expect(await wrongTimes(unknown, 6)).toEqual(await wrongTimes(email, 6));
    const [known, stranger] = [await signIn(email, 'x'), await signIn(unknown.toUpperCase(), 'x')];
    expect(stranger.statusCode).toBe(429);
    expect(stranger.headers['retry-after']).toBe(known.headers['retry-after']);
    expect(stranger.json().error).toEqual(known.json().error);
  });

  it('never locks the owner out of a browser already signed in to the account', async () => {
    const { email, client } = await signUp(app);
    await wrongTimes(email, 10);
    expect((await signIn(email, TEST_PASSWORD)).statusCode).toBe(429);
    expect((await signIn(email, TEST_PASSWORD, client)).statusCode).toBe(200);
    // …and that success lifts the throttle for everyone.
    expect((await signIn(email, TEST_PASSWORD)).statusCode).toBe(200);
  });

  it('is shared by every server instance over the same database', async () => {
    const { email } = await signUp(app);
    const other = await buildApp({
      config: ctx.config,
      db: ctx.database.db,
      clock,
      logger: false,
      authRateLimitPerMinute: 1_000,
      rateLimits: { read: 100_000, write: 100_000, anonymous: 100_000, oauth: 100_000 },
    });
    try {
      await wrongTimes(email, 5);
      const there = await new Client(other).post('/api/v1/auth/login', {
        email,
        password: TEST_PASSWORD,
      });
      expect(there.statusCode).toBe(429);
    } finally {
      await other.close();
    }
  });
});
