import { request } from 'node:http';
import { connect } from 'node:net';
import Fastify from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { boundedClose } from './shutdown.js';

// This helper's port range; each test listens on its own port.
let nextPort = 24_100;
const opened: { close(): Promise<unknown> }[] = [];

async function slowApp() {
  const app = Fastify({ logger: false });
  let entered: () => void = () => {};
  const inHandler = new Promise<void>((resolve) => (entered = resolve));
  let release: () => void = () => {};
  const gate = new Promise<void>((resolve) => (release = resolve));
  app.post('/slow', async () => {
    entered();
    await gate;
    return { done: true };
  });
  app.get('/fast', async () => ({ ok: true }));
  const graceful = boundedClose(app, 10_000);
  const port = nextPort++;
  await app.listen({ port, host: '127.0.0.1' });
  opened.push(app);
  return { app, port, graceful, inHandler, release };
}

function post(port: number, path: string) {
  return new Promise<{ status: number; body: string; connection: string | undefined }>(
    (resolve, reject) => {
      const req = request({ port, host: '127.0.0.1', path, method: 'POST' }, (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body, connection: res.headers.connection }),
        );
      });
      req.on('error', reject);
      req.end();
    },
  );
}

function connectionRefused(port: number) {
  return new Promise<boolean>((resolve) => {
    const socket = connect({ port, host: '127.0.0.1' });
    socket.on('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.on('error', (err: NodeJS.ErrnoException) => resolve(err.code === 'ECONNREFUSED'));
  });
}

async function until(condition: () => boolean) {
  while (!condition()) await new Promise((resolve) => setImmediate(resolve));
}

afterEach(async () => {
  await Promise.allSettled(opened.splice(0).map((app) => app.close()));
});

describe('boundedClose', () => {
  it('refuses new connections at once and lets a request in flight finish', async () => {
    const { app, port, graceful, inHandler, release } = await slowApp();
    const inFlight = post(port, '/slow');
    await inHandler;
    const closing = graceful.close();
    await until(() => !app.server.listening);
    expect(await connectionRefused(port)).toBe(true);
    release();
    const answer = await inFlight;
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toEqual({ done: true });
    expect(answer.connection).toBe('close');
    expect(await closing).toEqual({ cutConnections: 0 });
  });

  it('cuts a connection still busy at the bound, so the stop is bounded', async () => {
    const app = Fastify({ logger: false });
    let arrived: () => void = () => {};
    const requestArrived = new Promise<void>((resolve) => (arrived = resolve));
    app.addHook('onRequest', async () => arrived());
    app.post('/upload', async () => ({ ok: true }));
    const graceful = boundedClose(app, 200);
    const port = nextPort++;
    await app.listen({ port, host: '127.0.0.1' });
    opened.push(app);
    // A client that announces a body and never sends it keeps its request in flight forever.
    const socket = connect({ port, host: '127.0.0.1' });
    await new Promise((resolve) => socket.once('connect', resolve));
    socket.write(
      'POST /upload HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{',
    );
    const socketClosed = new Promise((resolve) => socket.once('close', resolve));
    socket.on('error', () => {});
    await requestArrived;
    const result = await graceful.close();
    expect(result.cutConnections).toBe(1);
    await socketClosed;
  });
});
