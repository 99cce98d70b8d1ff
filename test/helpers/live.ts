import WebSocket from 'ws';
import type { Scope } from '../../src/shared/scopes.js';
import { liveMessageSchema, type LiveMessage } from '../../src/shared/live-events.js';
import type { Client } from './app.js';

/** How long a test waits for a message before failing with what it did receive. */
const WAIT_MS = 5_000;

export type LiveClient = {
  socket: WebSocket;
  /** Every message received so far, `ready` first. */
  messages: LiveMessage[];
  /** Resolves with the first message (received so far or later) that matches. */
  waitFor(match: (message: LiveMessage) => boolean, what: string): Promise<LiveMessage>;
  /** Resolves with the close code and reason once the server closes the socket. */
  closed: Promise<{ code: number; reason: string }>;
  close(): void;
};

/** Opens a live connection and resolves once the server says `ready`. */
export function openLive(
  url: string,
  options: { headers?: Record<string, string>; autoPong?: boolean } = {},
): Promise<LiveClient> {
  const socket = new WebSocket(url, {
    headers: options.headers ?? {},
    autoPong: options.autoPong ?? true,
  });
  const messages: LiveMessage[] = [];
  const waiters = new Set<() => void>();
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    socket.on('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  // Text frames arrive as one Buffer (ws's default binaryType).
  socket.on('message', (data: Buffer) => {
    messages.push(liveMessageSchema.parse(JSON.parse(data.toString('utf8'))));
    for (const wake of waiters) wake();
  });
  const client: LiveClient = {
    socket,
    messages,
    closed,
    close: () => socket.close(),
    waitFor(match, what) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = messages.find(match);
          if (!found) return false;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(found);
          return true;
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no ${what} within ${WAIT_MS} ms; got ${JSON.stringify(messages)}`));
        }, WAIT_MS);
        if (!check()) waiters.add(check);
      });
    },
  };
  return new Promise((resolve, reject) => {
    socket.once('unexpected-response', (_request, response) =>
      reject(new LiveRejected(response.statusCode ?? 0)),
    );
    socket.once('error', reject);
    void client.waitFor((m) => m.type === 'ready', 'ready').then(() => resolve(client), reject);
  });
}

/** The upgrade was answered with an HTTP status instead of a WebSocket. */
export class LiveRejected extends Error {
  constructor(readonly status: number) {
    super(`WebSocket upgrade rejected with HTTP ${status}`);
  }
}

/** The status an upgrade is refused with (fails the test if it is accepted). */
export async function rejectionStatus(
  url: string,
  headers: Record<string, string> = {},
): Promise<number> {
  try {
    const client = await openLive(url, { headers });
    client.close();
  } catch (error) {
    if (error instanceof LiveRejected) return error.status;
    throw error;
  }
  throw new Error('the WebSocket upgrade was accepted');
}

/**
 * How the server closes a socket it upgrades but does not register (a cap reached): the close
 * code and reason a browser's `CloseEvent` shows too. Fails if the socket is told `ready`.
 */
export function closedOnOpening(
  url: string,
  headers: Record<string, string> = {},
): Promise<{ code: number; reason: string }> {
  const socket = new WebSocket(url, { headers });
  return new Promise((resolve, reject) => {
    socket.once('message', () => reject(new Error('the socket was registered')));
    socket.once('unexpected-response', (_request, response) =>
      reject(new LiveRejected(response.statusCode ?? 0)),
    );
    socket.once('error', reject);
    socket.once('close', (code, reason) => resolve({ code, reason: reason.toString() }));
  });
}

/** A personal access token of the signed-in client's user. */
export async function accessToken(client: Client, scopes: Scope[]): Promise<string> {
  const created = await client.post('/api/v1/me/tokens', { name: 'live', scopes });
  if (created.statusCode !== 201) throw new Error(`token failed: ${created.body}`);
  return created.json<{ token: string }>().token;
}

/** The session cookie of a signed-in client, as a browser would send it on the upgrade. */
export function sessionCookie(client: Client): string {
  return `tessera_session=${client.cookie('tessera_session')}`;
}
