import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIMITS } from '../../src/shared/limits.js';
import { createTestApp, type TestContext } from '../helpers/app.js';

/**
 * Clients that hold a connection open without finishing their request (slowloris, a stalled
 * upload) are cut off by REQUEST_TIMEOUT_MS, and a body over the limit is refused from its
 * Content-Length or as soon as it passes the limit, not after it has all arrived. Raw sockets
 * against a listening server, because app.inject has no connections to hold.
 */
const PORT = 25_100;
const TIMEOUT_MS = 1_000;
// Generous: the deadline is checked on an interval and the machine is shared. A server without
// the timeout would hold these sockets for minutes.
const CUT_OFF_WITHIN_MS = 15_000;

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp({ env: { REQUEST_TIMEOUT_MS: String(TIMEOUT_MS) } });
  await ctx.app.listen({ port: PORT, host: '127.0.0.1' });
});
afterAll(() => ctx.app.server.closeAllConnections());

type Conversation = { received: string; closedAfterMs: number; sentBytes: number };

/**
 * Opens a socket, writes `start`, then calls `drip` every `everyMs` until the server closes the
 * connection (or `giveUpMs` passes, which the assertions then catch).
 */
function converse(
  start: string,
  drip: ((socket: Socket) => number) | undefined,
  everyMs = 200,
  giveUpMs = CUT_OFF_WITHIN_MS + 5_000,
): Promise<Conversation> {
  return new Promise((resolve) => {
    const began = Date.now();
    const socket = connect(PORT, '127.0.0.1');
    let received = '';
    let sentBytes = 0;
    let timer: NodeJS.Timeout | undefined;
    const finish = () => {
      clearInterval(timer);
      clearTimeout(giveUp);
      resolve({ received, closedAfterMs: Date.now() - began, sentBytes });
    };
    const giveUp = setTimeout(() => {
      socket.destroy();
    }, giveUpMs);
    socket.on('data', (chunk) => (received += chunk.toString('latin1')));
    socket.on('error', () => {});
    socket.on('close', finish);
    socket.on('connect', () => {
      socket.write(start);
      sentBytes += Buffer.byteLength(start);
      if (drip)
        timer = setInterval(() => {
          if (!socket.destroyed) sentBytes += drip(socket);
        }, everyMs);
    });
  });
}

const headers = (lines: string[]) => `${lines.join('\r\n')}\r\n\r\n`;

describe('slow and endless requests', () => {
  it('cuts off a body that trickles in a byte at a time', async () => {
    const start = headers([
      'POST /api/v1/auth/login HTTP/1.1',
      'Host: localhost',
      'Content-Type: application/json',
      'Content-Length: 100000',
    ]);
    const talk = await converse(start, (socket) => (socket.write('a'), 1));
    expect(talk.closedAfterMs).toBeLessThan(CUT_OFF_WITHIN_MS);
    expect(talk.received).toMatch(/^HTTP\/1\.1 408/);
  });

  it('cuts off a client that sends its headers and then nothing', async () => {
    const start = headers([
      'POST /api/v1/auth/signup HTTP/1.1',
      'Host: localhost',
      'Content-Type: application/json',
      'Content-Length: 50',
    ]);
    const talk = await converse(start, undefined);
    expect(talk.closedAfterMs).toBeLessThan(CUT_OFF_WITHIN_MS);
  });

  it('cuts off headers that never end', async () => {
    const talk = await converse('GET /api/v1/healthz HTTP/1.1\r\nHost: localhost\r\n', (socket) => {
      const line = `X-Slow-${Date.now()}: 1\r\n`;
      socket.write(line);
      return line.length;
    });
    expect(talk.closedAfterMs).toBeLessThan(CUT_OFF_WITHIN_MS);
  });

  it('still serves a prompt client on the same server', async () => {
    const res = await fetch(`http://127.0.0.1:${PORT}/api/v1/healthz`);
    expect(res.status).toBe(200);
  });
});

describe('bodies over the limit', () => {
  it('refuses a declared Content-Length over the limit before the body is sent', async () => {
    const start = headers([
      'POST /api/v1/auth/login HTTP/1.1',
      'Host: localhost',
      'Content-Type: application/json',
      `Content-Length: ${50 * LIMITS.jsonBodyBytes}`,
    ]);
    const talk = await converse(start, (socket) => (socket.write('x'.repeat(1024)), 1024), 20);
    expect(talk.received).toMatch(/^HTTP\/1\.1 413/);
    expect(talk.received).toContain('"payload_too_large"');
    expect(talk.sentBytes).toBeLessThan(50 * LIMITS.jsonBodyBytes);
  });

  it('stops reading a chunked body once it passes the limit', async () => {
    const start = headers([
      'POST /api/v1/auth/login HTTP/1.1',
      'Host: localhost',
      'Content-Type: application/json',
      'Transfer-Encoding: chunked',
    ]);
    const chunk = `10000\r\n${'x'.repeat(0x10000)}\r\n`;
    const talk = await converse(start, (socket) => (socket.write(chunk), chunk.length), 5);
    expect(talk.received).toMatch(/^HTTP\/1\.1 413/);
    // The server answered once the limit was passed: far less than an endless stream was sent.
    expect(talk.sentBytes).toBeLessThan(20 * LIMITS.jsonBodyBytes);
  });
});
