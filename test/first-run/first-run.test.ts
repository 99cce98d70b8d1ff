import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildStale, ROOT } from '../../scripts/build-stamp.mjs';
import { testDatabaseKind } from '../helpers/database-kind.js';
import { call } from '../helpers/server-process.js';

/**
 * The README's first run, as a newcomer does it: the built server on a fresh embedded data
 * folder, `npm run tessera -- create-admin` in a second terminal while it runs, then signing in
 * as that admin. And a second server on the same folder, which must refuse to start.
 */
const PORT = 21510;
const SECOND_PORT = 21511;
const EMAIL = 'first-admin@example.com';
const PASSWORD = 'a long passphrase';

const dataDir = mkdtempSync(join(tmpdir(), 'tessera-first-run-'));
const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, NODE_ENV: 'development' };
// The run's own database must not leak in: the README's first run is on the embedded one.
for (const name of ['DATABASE_URL', 'DATABASE_READ_URL', 'REDIS_URL', 'TEST_DB', 'PORT']) {
  delete env[name];
}

type Run = { child: ChildProcess; output: () => string; exited: Promise<number | null> };

function run(command: string, args: string[], extraEnv: Record<string, string> = {}): Run {
  const child = spawn(command, args, {
    cwd: ROOT,
    env: { ...env, ...extraEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  return { child, output: () => output, exited };
}

const serve = (port: number) =>
  run(process.execPath, ['dist/node/cli/tessera.js', 'serve'], { PORT: String(port) });

let server: Run | undefined;

describe.runIf(testDatabaseKind() === 'pglite')('the first run, as the README tells it', () => {
  beforeAll(async () => {
    buildStale(['server']);
    server = serve(PORT);
    for (;;) {
      const health = await call(`http://127.0.0.1:${PORT}`, 'GET', '/healthz', {
        timeoutMs: 2_000,
      });
      if (health.status === 200) break;
      if (server.child.exitCode !== null) throw new Error(`serve exited:\n${server.output()}`);
      await sleep(250);
    }
  }, 300_000);
  afterAll(async () => {
    if (server && server.child.exitCode === null) {
      server.child.kill('SIGTERM');
      await server.exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('creates the admin with create-admin while the server runs, who can then sign in', async () => {
    expect(server!.output()).toContain('/setup/');
    const createAdmin = run('npm', [
      'run',
      'tessera',
      '--',
      'create-admin',
      '--email',
      EMAIL,
      '--password',
      PASSWORD,
    ]);
    expect(await createAdmin.exited, createAdmin.output()).toBe(0);
    expect(createAdmin.output()).toContain(`Created admin ${EMAIL}`);

    const login = await call(`http://127.0.0.1:${PORT}`, 'POST', '/auth/login', {
      body: { email: EMAIL, password: PASSWORD },
    });
    expect(login.status).toBe(200);
    expect(login.body.user.roles).toContain('admin');
  }, 120_000);

  it('refuses a second server on the same data folder, naming the one that holds it', async () => {
    const second = serve(SECOND_PORT);
    expect(await second.exited).toBe(1);
    expect(second.output()).toContain(
      `The embedded database in ${dataDir} is in use by Tessera process ${server!.child.pid}`,
    );
    // The first server is unharmed and still answers.
    const health = await call(`http://127.0.0.1:${PORT}`, 'GET', '/healthz');
    expect(health.status).toBe(200);
  }, 120_000);

  it('frees the data folder when the server stops', async () => {
    server!.child.kill('SIGTERM');
    expect(await server!.exited).toBe(0);
    expect(existsSync(join(dataDir, 'tessera.lock'))).toBe(false);
  }, 60_000);
});
