import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { send, Session } from './http.js';
import {
  childPids,
  createFreshDatabase,
  createTempDir,
  startTessera,
  type Tessera,
} from './processes.js';

const running: Tessera[] = [];
const cleanups: (() => Promise<void> | void)[] = [];

afterAll(async () => {
  await Promise.all(running.map((t) => t.stop('SIGKILL')));
  for (const cleanup of cleanups) await cleanup();
});

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('tessera serve --workers', () => {
  it('refuses several workers on the embedded database, saying why, and touches nothing', async () => {
    const data = createTempDir('pglite-refusal');
    cleanups.push(data.remove);
    const dataDir = join(data.dir, 'data');
    const tessera = await startTessera({
      name: 'pglite-refusal',
      port: 24_200,
      env: { DATA_DIR: dataDir, NODE_ENV: 'development' },
      args: ['--workers', '2'],
      waitUntilHealthy: false,
    });
    expect((await tessera.exited).code).toBe(2);
    expect(tessera.output()).toContain('--workers 2 needs PostgreSQL');
    expect(existsSync(dataDir) && readdirSync(dataDir).length > 0).toBe(false);
  });

  it('migrates once, serves from every worker, replaces a dead one and stops on SIGTERM', async () => {
    const database = await createFreshDatabase('scale_cluster');
    cleanups.push(database.drop);
    const tessera = await startTessera({
      name: 'cluster',
      port: 24_201,
      env: { DATABASE_URL: database.url },
      args: ['--workers', '2'],
    });
    running.push(tessera);
    const primary = tessera.child.pid as number;
    await tessera.waitForLog((l) => l.role === 'primary' && /with 2 workers/.test(l.msg ?? ''));
    const workers = await childPids(primary);
    expect(workers).toHaveLength(2);

    // The schema was brought up to date by the primary alone, before any worker started.
    const migrations = tessera.logs.filter((l) => l.msg === 'applied migrations');
    expect(migrations.map((l) => l.pid)).toEqual([primary]);

    // New connections are handed to the workers in turn: both answer.
    for (let i = 0; i < 6; i++) expect((await send(`${tessera.url}/healthz`)).status).toBe(200);
    const answeredBy = new Set(
      tessera.logs.filter((l) => l.msg === 'request completed').map((l) => l.pid),
    );
    expect([...answeredBy].sort()).toEqual([...workers].sort());

    // A token remembered by both workers is refused by both the moment one of them revokes it
    // (each request below is a new connection, handed to the workers in turn).
    const session = new Session();
    const signedUp = await session.post(tessera.url, '/api/v1/auth/signup', {
      email: 'cluster-worker@example.com',
      password: 'correct horse battery',
      displayName: 'Cluster Worker',
      roles: ['worker'],
    });
    expect(signedUp.status, signedUp.text()).toBe(201);
    const made = await session.post(tessera.url, '/api/v1/me/tokens', {
      name: 'script',
      scopes: ['profile'],
    });
    expect(made.status, made.text()).toBe(201);
    const bearer = { authorization: `Bearer ${made.json().token}` };
    for (let i = 0; i < 4; i++)
      expect((await send(`${tessera.url}/api/v1/me`, { headers: bearer })).status).toBe(200);
    const revoked = await session.request(
      tessera.url,
      'DELETE',
      `/api/v1/me/tokens/${made.json().id}`,
    );
    expect(revoked.status, revoked.text()).toBe(200);
    for (let i = 0; i < 4; i++)
      expect((await send(`${tessera.url}/api/v1/me`, { headers: bearer })).status).toBe(401);

    // A worker that dies is replaced; the service keeps answering meanwhile.
    const [victim, survivor] = workers as [number, number];
    process.kill(victim, 'SIGKILL');
    await tessera.waitForLog(
      (l) => l.msg === 'worker died; restarting it' && l.signal === 'SIGKILL',
    );
    expect((await send(`${tessera.url}/healthz`)).status).toBe(200);
    const replacement = await tessera.waitForLog(
      (l) => l.msg === 'worker listening' && !workers.includes(l.workerPid as number),
      60_000,
    );
    const now = await childPids(primary);
    expect(now.sort()).toEqual([survivor, replacement.workerPid as number].sort());

    // SIGTERM to the primary: every worker drains and exits, then the primary exits 0.
    expect(await tessera.stop('SIGTERM')).toEqual({ code: 0, signal: null });
    expect(now.filter(isAlive)).toEqual([]);
    expect(tessera.logs.filter((l) => l.msg === 'stopped')).toHaveLength(2);
  });
});
