import WebSocket from 'ws';
import { liveMessageSchema, type LiveMessage } from '../../src/shared/live-events.js';

/**
 * A live-events WebSocket client signed in with a session cookie, as a browser tab is (with the
 * page's Origin), directly to an instance or through nginx over TLS (self-signed here).
 * Resolves once the server says `ready`: no event for this user is missed from then on.
 */
export async function connectLive(url: string, cookie: string, origin: string) {
  const socket = new WebSocket(url, { headers: { cookie }, origin, rejectUnauthorized: false });
  const messages: LiveMessage[] = [];
  const waiters = new Set<{
    match: (message: LiveMessage) => boolean;
    resolve: (message: LiveMessage) => void;
  }>();
  // Text frames of JSON: ws hands each over as one Buffer.
  socket.on('message', (data: Buffer) => {
    const message = liveMessageSchema.parse(JSON.parse(data.toString('utf8')));
    messages.push(message);
    for (const waiter of waiters) {
      if (!waiter.match(message)) continue;
      waiters.delete(waiter);
      waiter.resolve(message);
    }
  });
  const closed = new Promise<{ code: number }>((resolve) =>
    socket.on('close', (code: number) => resolve({ code })),
  );
  const opened = new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('unexpected-response', (_request, response) =>
      reject(new Error(`${url}: WebSocket refused with ${response.statusCode}`)),
    );
    socket.once('error', reject);
  });

  /** The first message (received so far or later) that matches. */
  const next = (match: (message: LiveMessage) => boolean, timeoutMs = 20_000) =>
    new Promise<LiveMessage>((resolve, reject) => {
      const seen = messages.find(match);
      if (seen) return resolve(seen);
      const waiter = { match, resolve };
      waiters.add(waiter);
      setTimeout(() => {
        if (!waiters.delete(waiter)) return;
        reject(
          new Error(`${url}: no such message in ${timeoutMs} ms: ${JSON.stringify(messages)}`),
        );
      }, timeoutMs).unref();
    });

  await opened;
  await next((message) => message.type === 'ready');
  return { messages, next, closed, close: () => socket.close() };
}
