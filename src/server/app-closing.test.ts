import { connect } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/helpers/database.js';
import { buildApp } from './app.js';
import { loadConfig } from './config.js';

const PORT = 24_120;
const database = await createTestDatabase();
afterAll(() => database.close());

/** HTTP/1.1 responses as they came over one connection, in order. */
function responses(raw: string) {
  return raw
    .split(/(?=HTTP\/1\.1 \d{3} )/)
    .filter(Boolean)
    .map((text) => {
      const [head = '', body = ''] = text.split('\r\n\r\n');
      const headers = Object.fromEntries(
        head
          .split('\r\n')
          .slice(1)
          .map((line) => [
            line.slice(0, line.indexOf(':')).toLowerCase(),
            line.slice(line.indexOf(':') + 2),
          ]),
      );
      return { status: Number(head.slice(9, 12)), headers, body };
    });
}

describe('a closing app', () => {
  it('finishes the request in flight and answers the next one on its connection 503, in the error shape', async () => {
    const app = await buildApp({
      config: loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' }),
      db: database.db,
      logger: false,
    });
    let entered: () => void = () => {};
    const inHandler = new Promise<void>((resolve) => (entered = resolve));
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    // Stands for any slow request (a large import): it is running when the stop begins.
    app.get('/slow-for-test', async () => {
      entered();
      await gate;
      return { done: true };
    });
    await app.listen({ port: PORT, host: '127.0.0.1' });

    // A client (say, a proxy's kept-alive connection) with a request in flight sends the next
    // one on the same connection after the stop began.
    const socket = connect({ host: '127.0.0.1', port: PORT });
    let received = '';
    socket.on('data', (chunk: Buffer) => (received += chunk.toString()));
    const ended = new Promise((resolve) => socket.on('close', resolve));
    socket.write('GET /slow-for-test HTTP/1.1\r\nHost: x\r\n\r\n');
    await inHandler;
    const closed = app.close();
    while (app.server.listening) await new Promise((resolve) => setImmediate(resolve));
    socket.write('POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n');
    release();
    await ended;
    await closed;

    const [first, second] = responses(received);
    expect(first).toMatchObject({ status: 200, body: '{"done":true}' });
    expect(second?.status).toBe(503);
    expect(second?.headers.connection).toBe('close');
    expect(JSON.parse(second?.body ?? '')).toMatchObject({
      error: { code: 'unavailable', message: 'This server is shutting down; try again.' },
      requestId: second?.headers['x-request-id'],
    });
  });
});
