import { describe, expect, it } from 'vitest';
import { createTestApp } from '../../../test/helpers/app.js';

const TOKEN = 'metrics-token-0123456789abcdefghijklmnop';
const OUTSIDE = '203.0.113.9';

// The defaults: no token, and nginx on this host is the trusted proxy.
const local = await createTestApp();
const withToken = await createTestApp({ env: { METRICS_TOKEN: TOKEN } });
// A proxy TRUST_PROXY does not name, relaying from loopback (a misconfigured deployment).
const untrustedProxy = await createTestApp({ env: { TRUST_PROXY: '10.0.0.1' } });

type Ctx = typeof local;
function scrape(ctx: Ctx, remoteAddress: string, headers: Record<string, string> = {}) {
  return ctx.app.inject({ method: 'GET', url: '/metrics', remoteAddress, headers });
}

describe('/metrics', () => {
  it.each(['127.0.0.1', '127.8.9.10', '::1', '::ffff:127.0.0.1'])(
    'answers a client on loopback (%s)',
    async (address) => {
      const response = await scrape(local, address);
      expect(response.statusCode).toBe(200);
      expect(response.body).toContain('http_request_duration_seconds');
    },
  );

  it('is a missing page for any other client', async () => {
    for (const address of [OUTSIDE, '10.0.0.5', '::ffff:192.0.2.1', '2001:db8::1']) {
      const response = await scrape(local, address);
      expect(response.statusCode).toBe(404);
      expect(response.body).not.toContain('http_request_duration_seconds');
    }
  });

  it('counts a client relayed by nginx on this host as that client, not as loopback', async () => {
    const relayed = await scrape(local, '127.0.0.1', { 'x-forwarded-for': OUTSIDE });
    expect(relayed.statusCode).toBe(404);
  });

  it('never counts a relayed request as local, even through a proxy it does not trust', async () => {
    expect((await scrape(untrustedProxy, '127.0.0.1')).statusCode).toBe(200);
    const relayed = await scrape(untrustedProxy, '127.0.0.1', { 'x-forwarded-for': OUTSIDE });
    expect(relayed.statusCode).toBe(404);
    const forwarded = await scrape(untrustedProxy, '127.0.0.1', { forwarded: `for=${OUTSIDE}` });
    expect(forwarded.statusCode).toBe(404);
  });

  it('answers METRICS_TOKEN as a bearer token from anywhere, and nothing else', async () => {
    const authorized = await scrape(withToken, OUTSIDE, { authorization: `Bearer ${TOKEN}` });
    expect(authorized.statusCode).toBe(200);
    expect(authorized.body).toContain('http_request_duration_seconds');

    for (const authorization of [`Bearer ${TOKEN}x`, 'Bearer nope', `Basic ${TOKEN}`, '']) {
      const refused = await scrape(withToken, OUTSIDE, { authorization });
      expect(refused.statusCode).toBe(404);
    }
    // Loopback still reads without it; a wrong token is refused there too.
    expect((await scrape(withToken, '127.0.0.1')).statusCode).toBe(200);
    const wrong = await scrape(withToken, '127.0.0.1', { authorization: 'Bearer nope' });
    expect(wrong.statusCode).toBe(404);
  });

  it('is not opened by any bearer token while METRICS_TOKEN is unset', async () => {
    const response = await scrape(local, OUTSIDE, { authorization: `Bearer ${TOKEN}` });
    expect(response.statusCode).toBe(404);
  });
});
