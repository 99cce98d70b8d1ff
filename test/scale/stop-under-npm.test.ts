import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { Agent } from 'node:http';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { send, Session } from './http.js';
import { connectLive } from './live-client.js';
import { ROOT, createFreshDatabase, createTempDir } from './processes.js';

/**
 * `tessera serve` started the way a supervisor or a test harness starts it: `npm start` (npm,
 * the shell running the start script, the server: here a start script shaped like ours once its
 * build is done, run from the sources) with piped output, in a process group of its own. Once
 * a keep-alive HTTP client and a WebSocket client are connected, the whole group is sent
 * SIGTERM, as systemd or a terminal does, and every process of it must be gone soon after
 * SHUTDOWN_TIMEOUT_MS, whether the harness has stopped reading the output or has gone away.
 */
const PORT = 21_310;
const SHUTDOWN_TIMEOUT_MS = 2_000;
/** A liveness cap, not a timing assertion: the bound plus the close grace plus a busy machine. */
const GONE_WITHIN_MS = SHUTDOWN_TIMEOUT_MS + 5_000 + 30_000;
const START_TIMEOUT_MS = 90_000;
const TSX = pathToFileURL(join(ROOT, 'node_modules/tsx/dist/loader.mjs')).href;
const CLI = join(ROOT, 'src/cli/tessera.ts');

let database: Awaited<ReturnType<typeof createFreshDatabase>>;
let group: ChildProcess | undefined;
const cleanups: Array<() => void> = [];

beforeAll(async () => {
  database = await createFreshDatabase('scale_npm_stop');
}, 60_000);
afterEach(() => {
  // A server that did not stop must not outlive the test.
  if (group?.pid) killGroup(group.pid, 'SIGKILL');
  group = undefined;
  for (const cleanup of cleanups.splice(0)) cleanup();
});
afterAll(async () => {
  await database?.drop();
});

function killGroup(pgid: number, signal: NodeJS.Signals) {
  try {
    process.kill(-pgid, signal);
  } catch {
    // Nobody left in the group.
  }
}

/** The group's processes that have not exited (zombies have: they only wait to be reaped). */
async function liveMembers(pgid: number): Promise<string[]> {
  const live: string[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '');
    // pid (comm) state ppid pgrp …; comm may hold spaces, so parse from its closing parenthesis.
    const [state, , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(pgrp) === pgid && state !== 'Z') live.push(`${entry} ${stat.slice(0, 60)}`);
  }
  return live;
}

async function waitUntilGone(pgid: number): Promise<string[]> {
  const deadline = Date.now() + GONE_WITHIN_MS;
  let live = await liveMembers(pgid);
  while (live.length > 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    live = await liveMembers(pgid);
  }
  return live;
}

/** `npm start` in a folder whose start script runs the server, with its output piped to us. */
async function npmStart(): Promise<ChildProcess> {
  const folder = createTempDir('npm-start');
  cleanups.push(folder.remove);
  const start = `true && '${process.execPath}' --import '${TSX}' '${CLI}' serve`;
  writeFileSync(
    join(folder.dir, 'package.json'),
    JSON.stringify({ name: 'tessera-under-npm', private: true, scripts: { start } }),
  );
  const child = spawn('npm', ['start'], {
    cwd: folder.dir,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      NODE_ENV: 'production',
      SESSION_SECRET: 'npm-stop-test-session-secret-0123456789abcdef',
      ACCESS_KEY_ENCRYPTION_KEY: 'npm-stop-test-access-key-encryption-key-0123456789',
      HOST: '127.0.0.1',
      PORT: String(PORT),
      PUBLIC_URL: `http://127.0.0.1:${PORT}`,
      DATABASE_URL: database.url,
      LOG_LEVEL: 'info',
      SHUTDOWN_TIMEOUT_MS: String(SHUTDOWN_TIMEOUT_MS),
    },
  });
  group = child;
  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`npm start exited with ${child.exitCode}`);
    const healthy = await send(`http://127.0.0.1:${PORT}/healthz`).then(
      (reply) => reply.status === 200,
      () => false,
    );
    if (healthy) return child;
    if (Date.now() > deadline) throw new Error(`no answer within ${START_TIMEOUT_MS} ms`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** A signed-in WebSocket client and a kept-alive HTTP connection, both left open. */
async function holdConnections(base: string) {
  const session = new Session();
  const signup = await session.post(base, '/api/v1/auth/signup', {
    email: `worker-${Date.now()}@example.com`,
    password: 'correct horse battery',
    displayName: 'Worker',
    roles: ['worker'],
  });
  expect(signup.status).toBe(201);
  const live = await connectLive(`ws://127.0.0.1:${PORT}/api/v1/ws`, session.cookieHeader(), base);
  const agent = new Agent({ keepAlive: true });
  expect((await send(`${base}/healthz`, { agent })).status).toBe(200);
  cleanups.push(() => {
    live.close();
    agent.destroy();
  });
}

describe('SIGTERM to an `npm start` process group with piped output', () => {
  it('exits when the output is no longer read, however much the server has logged', async () => {
    const child = await npmStart();
    // The harness stops reading but keeps the pipes open (a 'readable' listener that reads
    // nothing also stops Node from draining them when npm exits): the pipe fills and stays full.
    child.stdout?.on('readable', () => {});
    child.stderr?.on('readable', () => {});
    const base = `http://127.0.0.1:${PORT}`;
    // Each request logs its (long) URL: far more than a pipe holds.
    const padding = 'x'.repeat(4_000);
    const agent = new Agent({ keepAlive: true });
    for (let i = 0; i < 400; i++) {
      expect((await send(`${base}/healthz?padding=${padding}`, { agent })).status).toBe(200);
    }
    agent.destroy();
    await holdConnections(base);

    process.kill(-child.pid!, 'SIGTERM');
    expect(await waitUntilGone(child.pid!)).toEqual([]);
  });

  it('exits when the reader of its output has gone away', async () => {
    const child = await npmStart();
    await holdConnections(`http://127.0.0.1:${PORT}`);

    process.kill(-child.pid!, 'SIGTERM');
    // Every write from now on meets a broken pipe.
    child.stdout?.destroy();
    child.stderr?.destroy();
    expect(await waitUntilGone(child.pid!)).toEqual([]);
  });
});
