import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp, signUp } from '../../../../test/helpers/app.js';
import {
  accessToken,
  closedOnOpening,
  openLive,
  type LiveClient,
} from '../../../../test/helpers/live.js';
import { LIVE_CLOSE_CODES } from '../../../shared/live-events.js';

// One of this suite's ports (21400–21499).
const PORT = 21401;
const WS_URL = `ws://127.0.0.1:${PORT}/api/v1/ws`;
// Small caps, set the way an operator would, so a test reaches them with a few sockets.
const ctx = await createTestApp({ env: { WS_MAX_PER_USER: '3', WS_MAX_PER_ADDRESS: '5' } });
const { app } = ctx;

beforeAll(async () => {
  await app.listen({ port: PORT, host: '127.0.0.1' });
});

const opened: LiveClient[] = [];
afterEach(async () => {
  opened.splice(0).forEach((client) => client.close());
  await vi.waitFor(() => expect(app.live.clientCount()).toBe(0));
});
afterAll(() => opened.forEach((client) => client.close()));

/** Bearer headers of a fresh user; `from` is the client address a trusted proxy reports. */
async function newUserHeaders(from?: string): Promise<Record<string, string>> {
  const { client } = await signUp(app);
  const headers: Record<string, string> = {
    authorization: `Bearer ${await accessToken(client, ['work:read'])}`,
  };
  if (from) headers['x-forwarded-for'] = from;
  return headers;
}

async function live(headers: Record<string, string>) {
  const client = await openLive(WS_URL, { headers });
  opened.push(client);
  return client;
}

/** Closes a socket and waits until the server has let go of it. */
async function closeAndWait(client: LiveClient) {
  const before = app.live.clientCount();
  client.close();
  await client.closed;
  await vi.waitFor(() => expect(app.live.clientCount()).toBe(before - 1));
}

async function refusedCount(limit: 'user' | 'address') {
  const metrics = (await app.inject({ method: 'GET', url: '/metrics' })).body;
  const line = new RegExp(
    `^tessera_live_connections_refused_total\\{limit="${limit}"\\} (\\d+)$`,
    'm',
  );
  return Number(line.exec(metrics)?.[1] ?? 0);
}

describe('live connection caps', () => {
  it('closes a user’s socket past WS_MAX_PER_USER with 4429, and a closed socket frees its slot', async () => {
    const alice = await newUserHeaders();
    const sockets = [await live(alice), await live(alice), await live(alice)];

    expect(await closedOnOpening(WS_URL, alice)).toEqual({
      code: LIVE_CLOSE_CODES.tooManyConnections,
      reason: 'too many live connections for this account (3)',
    });
    expect(await refusedCount('user')).toBe(1);
    // Another user is not held to Alice's cap.
    expect((await live(await newUserHeaders())).messages).toEqual([{ type: 'ready' }]);

    await closeAndWait(sockets[0]!);
    expect((await live(alice)).messages).toEqual([{ type: 'ready' }]);
    expect(await closedOnOpening(WS_URL, alice)).toMatchObject({ code: 4429 });
  });

  it('closes sockets past WS_MAX_PER_ADDRESS from one address, whoever opens them', async () => {
    const carol = await newUserHeaders();
    const dave = await newUserHeaders();
    const carols = [await live(carol), await live(carol), await live(carol)];
    await live(dave);
    await live(dave);

    // Five sockets from 127.0.0.1: Dave is under his own cap, but the address is full.
    expect(await closedOnOpening(WS_URL, dave)).toEqual({
      code: LIVE_CLOSE_CODES.tooManyConnections,
      reason: 'too many live connections from this address (5)',
    });
    const erin = await newUserHeaders();
    expect(await closedOnOpening(WS_URL, erin)).toMatchObject({ code: 4429 });
    expect(await refusedCount('address')).toBe(2);
    // A client behind the trusted proxy at another address has a cap of its own.
    expect((await live(await newUserHeaders('203.0.113.7'))).messages).toEqual([{ type: 'ready' }]);

    await closeAndWait(carols[0]!);
    expect((await live(erin)).messages).toEqual([{ type: 'ready' }]);
  });
});
