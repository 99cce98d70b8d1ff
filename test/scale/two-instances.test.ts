import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomInt } from 'node:crypto';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../../src/server/db/database.js';
import { PROJECT_LIMITS } from '../../src/shared/api/projects.js';
import { LIMITS } from '../../src/shared/limits.js';
import type { LiveMessage } from '../../src/shared/live-events.js';
import { expectLedgerConsistent } from '../helpers/ledger.js';
import { GOOD_ANSWERS, SIMPLE_FORM } from '../helpers/work.js';
import { send, Session } from './http.js';
import { connectLive } from './live-client.js';
import { PASSWORD, seedMarketplace } from './marketplace.js';
import { renderSite, selfSignedCertificate, SHIPPED_CONFIG, startNginx } from './nginx.js';
import { createFreshDatabase, createTempDir, startTessera, type Tessera } from './processes.js';

/**
 * Two Tessera processes on one PostgreSQL database and one Redis, behind a real nginx running
 * deploy/nginx.conf: what a multi-instance deployment relies on, proved end to end.
 */
const PORT_A = 24_400;
const PORT_B = 24_401;
const HTTPS_PORT = 24_410;
const HTTP_PORT = 24_411;
const DUE_SUBMISSIONS = 1_000;
const NGINX = `https://127.0.0.1:${HTTPS_PORT}`;
/** The shared Redis also counts other runs' requests: each run is its own client address. */
const clientAddress = () => `127.${randomInt(1, 255)}.${randomInt(0, 256)}.${randomInt(1, 255)}`;

const redisUrl = process.env.REDIS_URL;
if (!redisUrl) throw new Error('the two-instance test needs REDIS_URL');

let database: Awaited<ReturnType<typeof createFreshDatabase>>;
let check: DatabaseHandle;
let seeded: Awaited<ReturnType<typeof seedMarketplace>>;
let a: Tessera;
let b: Tessera;
let nginx: Awaited<ReturnType<typeof startNginx>>;
let work: ReturnType<typeof createTempDir>;
let escrowLock: pg.Client;

beforeAll(async () => {
  work = createTempDir('two-instances');
  database = await createFreshDatabase('scale_two');
  seeded = await seedMarketplace(database.url, { dueSubmissions: DUE_SUBMISSIONS });
  check = await openDatabase({ kind: 'postgres', url: database.url, poolSize: 2 });

  // Hold the requester's escrow account: each instance's first auto-approval sweep approves a
  // batch and then waits here to pay for it, so both are provably mid-sweep at the same time.
  escrowLock = new pg.Client({ connectionString: database.url });
  await escrowLock.connect();
  await escrowLock.query('begin');
  await escrowLock.query(
    `select id from ledger_accounts where kind = 'requester_escrow'
       and user_id = (select id from users where email = $1) for update`,
    [seeded.requesterEmail],
  );

  const instance = (name: string, port: number) =>
    startTessera({
      name,
      port,
      env: {
        DATABASE_URL: `${database.url}?application_name=${name}`,
        REDIS_URL: redisUrl,
        PUBLIC_URL: NGINX,
        PAYMENTS_SANDBOX: '1',
      },
    });
  [a, b] = await Promise.all([instance('tessera-a', PORT_A), instance('tessera-b', PORT_B)]);

  const webRoot = join(work.dir, 'web');
  mkdirSync(join(webRoot, 'assets'), { recursive: true });
  writeFileSync(join(webRoot, 'index.html'), '<!doctype html><title>Tessera</title>');
  writeFileSync(
    join(webRoot, 'assets', 'index-3f9a1c2e.js'),
    'console.log("tessera");\n'.repeat(200),
  );
  const site = {
    upstreams: [`127.0.0.1:${PORT_A}`, `127.0.0.1:${PORT_B}`],
    httpsPort: HTTPS_PORT,
    httpPort: HTTP_PORT,
    webRoot,
    accessLog: join(work.dir, 'access.log'),
    ...selfSignedCertificate(work.dir),
  };
  nginx = await startNginx(join(work.dir, 'nginx'), {
    ...site,
    config: renderSite(readFileSync(SHIPPED_CONFIG, 'utf8'), site),
  });
}, 180_000);

afterAll(async () => {
  await nginx?.stop();
  await Promise.all([a?.stop('SIGKILL'), b?.stop('SIGKILL')]);
  await escrowLock?.end().catch(() => {});
  await check?.close();
  await database?.drop();
  work?.remove();
});

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function signIn(baseUrl: string, email: string, address: string) {
  const session = new Session(address);
  const reply = await session.post(baseUrl, '/api/v1/auth/login', { email, password: PASSWORD });
  expect(reply.status, reply.text()).toBe(200);
  return session;
}

describe('two instances behind nginx', () => {
  it('runs both instances’ sweeps on the same due work and pays each submission once', async () => {
    const waiting = await until('both instances to wait mid-sweep', async () => {
      const { rows } = await sql<{ application_name: string }>`
        select distinct application_name from pg_stat_activity
        where datname = current_database() and wait_event_type = 'Lock'`.execute(check.db);
      const names = rows.map((r) => r.application_name).sort();
      return names.includes('tessera-a') && names.includes('tessera-b') ? names : undefined;
    });
    expect(waiting).toEqual(['tessera-a', 'tessera-b']);
    await escrowLock.query('commit');

    await until('every due submission to be approved', async () => {
      const row = await check.db
        .selectFrom('assignments')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('project_id', '=', seeded.dueProjectId)
        .where('status', '=', 'submitted')
        .executeTakeFirstOrThrow();
      return Number(row.n) === 0 ? true : undefined;
    });
    const payments = await sql<{ payments: number; assignments: number }>`
      select count(*)::int as assignments,
             count(*) filter (where n = 1)::int as payments
      from (select a.id, count(t.id) as n from assignments a
            left join ledger_transactions t on t.assignment_id = a.id and t.kind = 'payment'
            where a.project_id = ${seeded.dueProjectId} group by a.id) per_assignment`.execute(
      check.db,
    );
    expect(payments.rows[0]).toEqual({ assignments: DUE_SUBMISSIONS, payments: DUE_SUBMISSIONS });
    const earned = await check.db
      .selectFrom('ledger_accounts')
      .select((eb) => eb.fn.sum<number>('balance_cents').as('cents'))
      .where('kind', '=', 'worker_earnings')
      .executeTakeFirstOrThrow();
    expect(Number(earned.cents)).toBe(DUE_SUBMISSIONS * seeded.rewardCents);
    expect(await expectLedgerConsistent(check.db)).toEqual({
      unbalanced: [],
      drifted: [],
      empty: [],
    });
    // Each instance's own account of its sweeps adds up to the work, with nothing counted twice.
    const approvedBy = (t: Tessera) =>
      t.logs
        .filter((l) => l.msg === 'sweep changed rows' && l.sweep === 'auto-approve')
        .reduce((sum, l) => sum + (l.changed as number), 0);
    await until('both instances to log their last sweep', async () =>
      approvedBy(a) + approvedBy(b) >= DUE_SUBMISSIONS ? true : undefined,
    );
    expect(approvedBy(a)).toBeGreaterThan(0);
    expect(approvedBy(b)).toBeGreaterThan(0);
    expect(approvedBy(a) + approvedBy(b)).toBe(DUE_SUBMISSIONS);
  });

  it('accepts a session made through one instance on the other and through nginx', async () => {
    const address = clientAddress();
    const session = await signIn(a.url, seeded.requesterEmail, address);
    for (const baseUrl of [b.url, NGINX, a.url]) {
      const me = await session.get(baseUrl, '/api/v1/me');
      expect(me.status, baseUrl).toBe(200);
      expect(me.json().email).toBe(seeded.requesterEmail);
    }
    // A cookie-authenticated mutation on B, with the CSRF token A issued.
    const token = await session.post(b.url, '/api/v1/me/tokens', {
      name: 'made on B',
      scopes: ['profile'],
    });
    expect(token.status, token.text()).toBe(201);
    const listed = await session.get(a.url, '/api/v1/me/tokens');
    expect(listed.json().items.map((t: { name: string }) => t.name)).toContain('made on B');
    // Signing out anywhere signs out everywhere.
    expect((await session.post(NGINX, '/api/v1/auth/logout')).status).toBeLessThan(300);
    const cookie = session.cookieHeader();
    for (const baseUrl of [a.url, b.url]) {
      const after = await send(`${baseUrl}/api/v1/me`, { headers: { cookie } });
      expect(after.status, baseUrl).toBe(401);
    }
  });

  it('refuses a token on B the moment it is revoked through A, though B remembered it', async () => {
    const session = await signIn(a.url, seeded.requesterEmail, clientAddress());
    const made = await session.post(a.url, '/api/v1/me/tokens', {
      name: 'revoked on A',
      scopes: ['profile'],
    });
    expect(made.status, made.text()).toBe(201);
    const bearer = { authorization: `Bearer ${made.json().token}` };
    for (let i = 0; i < 2; i++)
      expect((await send(`${b.url}/api/v1/me`, { headers: bearer })).status).toBe(200);
    const revoked = await session.request(a.url, 'DELETE', `/api/v1/me/tokens/${made.json().id}`);
    expect(revoked.status, revoked.text()).toBe(200);
    expect((await send(`${b.url}/api/v1/me`, { headers: bearer })).status).toBe(401);
    expect((await send(`${a.url}/api/v1/me`, { headers: bearer })).status).toBe(401);
  });

  it('serves the web app itself, with cache headers and gzip, and passes request ids', async () => {
    const asset = await send(`${NGINX}/assets/index-3f9a1c2e.js`, {
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(asset.status).toBe(200);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(asset.headers['content-encoding']).toBe('gzip');
    const page = await send(`${NGINX}/index.html`);
    expect(page.headers['cache-control']).toBe('no-cache');
    expect(page.text()).toContain('<title>Tessera</title>');
    expect((await send(`${NGINX}/assets/missing-0000.js`)).status).toBe(404);

    // Paths outside the web root reach Tessera; the caller's request id goes through.
    const health = await send(`${NGINX}/healthz`, { headers: { 'x-request-id': 'scale-check-1' } });
    expect(health.json()).toEqual({ status: 'ok' });
    expect(health.headers['x-request-id']).toBe('scale-check-1');
    // Without one, nginx's id is Tessera's too, and the access log has it.
    const api = await send(`${NGINX}/api/v1/healthz`);
    const id = api.headers['x-request-id'] as string;
    expect(id).toMatch(/^[0-9a-f]{32}$/);
    await until('the access log line', async () =>
      nginx.accessLog().includes(`rid=${id}`) ? true : undefined,
    );

    expect((await send(`${NGINX}/metrics`)).status).toBe(404);
    expect((await send(`${a.url}/metrics`)).status).toBe(200);
    const plain = await send(`http://127.0.0.1:${HTTP_PORT}/projects?x=1`);
    expect(plain.status).toBe(301);
    expect(plain.headers.location).toBe('https://127.0.0.1/projects?x=1');
  });

  it('takes bodies up to Tessera’s limits and refuses larger ones itself with JSON 413', async () => {
    const session = await signIn(NGINX, seeded.requesterEmail, clientAddress());
    const created = await session.post(NGINX, '/api/v1/projects', {
      title: 'Long texts',
      description: 'Uploaded through nginx',
      rewardCents: 5,
      assignmentsPerTask: 1,
      template: SIMPLE_FORM,
    });
    expect(created.status, created.text()).toBe(201);
    const batches = `/api/v1/projects/${created.json().id}/batches`;
    // A batch larger than a JSON request may be, within the batch limit, reaches Tessera.
    const rows = Array.from({ length: 300 }, (_, i) => ({ word: `${i}`.padEnd(5_000, '.') }));
    const upload = await session.request(NGINX, 'POST', batches, { rows });
    expect(upload.status, upload.text()).toBe(201);
    expect(upload.json().rowCount).toBe(300);

    const refused = async (path: string, bytes: number, contentType: string) => {
      const reply = await session.request(NGINX, 'POST', path, 'x'.repeat(bytes), {
        'content-type': contentType,
      });
      expect(reply.status).toBe(413);
      expect(reply.json().error.code).toBe('payload_too_large');
      // nginx answered: no instance saw the request.
      const requestId = reply.json().requestId as string;
      expect([...a.logs, ...b.logs].some((line) => line.reqId === requestId)).toBe(false);
    };
    await refused('/api/v1/projects', LIMITS.jsonBodyBytes + 1, 'application/json');
    await refused(batches, PROJECT_LIMITS.batchBytes + 1, 'text/csv');
    // At the JSON limit exactly, the body reaches Tessera, which judges its content.
    const atLimit = await session.request(
      NGINX,
      'POST',
      '/api/v1/projects',
      'x'.repeat(LIMITS.jsonBodyBytes),
      {
        'content-type': 'application/json',
      },
    );
    expect(atLimit.status).toBe(400);
  });

  it('counts sign-in attempts per real client across both instances, whatever X-Forwarded-For says', async () => {
    const address = clientAddress();
    const statuses: number[] = [];
    for (let i = 0; i < 25; i++) {
      const reply = await send(`${NGINX}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'x-forwarded-for': `198.51.100.${i}` },
        // A new email each time: the per-account throttle (its own tests) stays out of this one,
        // and the seeded accounts can still sign in for the tests after it.
        body: { email: `nobody-${i}-${address}@example.com`, password: 'not the password' },
        localAddress: address,
      });
      statuses.push(reply.status);
    }
    // nginx spreads them over A and B; Redis counts them together for this one address.
    const limitedFrom = statuses.indexOf(429);
    expect(limitedFrom).toBeGreaterThan(0);
    expect(limitedFrom).toBeLessThanOrEqual(20);
    expect(new Set(statuses.slice(0, limitedFrom))).toEqual(new Set([401]));
    const upstreams = new Set(
      nginx
        .accessLog()
        .split('\n')
        .filter((line) => line.startsWith(address) && line.includes('/auth/login'))
        .map((line) => /upstream=(\S+)/.exec(line)?.[1]),
    );
    expect(upstreams).toEqual(new Set([`127.0.0.1:${PORT_A}`, `127.0.0.1:${PORT_B}`]));
  });
  it('delivers an event caused through instance A to WebSocket clients on B and through nginx', async () => {
    const requester = await signIn(b.url, seeded.requesterEmail, clientAddress());
    const cookie = requester.cookieHeader();
    const onB = await connectLive(`ws://127.0.0.1:${PORT_B}/api/v1/ws`, cookie, b.url);
    const viaNginx = await connectLive(`wss://127.0.0.1:${HTTPS_PORT}/api/v1/ws`, cookie, NGINX);

    const worker = await signIn(a.url, seeded.workerEmail, clientAddress());
    const accepted = await worker.post(
      a.url,
      `/api/v1/projects/${seeded.liveProjectId}/assignments`,
    );
    expect(accepted.status, accepted.text()).toBe(201);
    const submitted = await worker.post(a.url, `/api/v1/assignments/${accepted.json().id}/submit`, {
      answers: GOOD_ANSWERS,
    });
    expect(submitted.status, submitted.text()).toBe(200);

    const isSubmission = (message: LiveMessage) =>
      message.type === 'project.progress' &&
      message.projectId === seeded.liveProjectId &&
      message.change === 'submitted';
    expect(await onB.next(isSubmission)).toBeTruthy();
    expect(await viaNginx.next(isSubmission)).toBeTruthy();
    onB.close();
    viaNginx.close();
  });

  it('drains instance A on SIGTERM while nginx keeps serving from B', async () => {
    const session = await signIn(NGINX, seeded.requesterEmail, clientAddress());
    const onA = await connectLive(
      `ws://127.0.0.1:${PORT_A}/api/v1/ws`,
      session.cookieHeader(),
      a.url,
    );
    const statuses: number[] = [];
    let stopping: Promise<{ code: number | null; signal: NodeJS.Signals | null }> | undefined;
    for (let i = 0; i < 40; i++) {
      if (i === 5) stopping = a.stop('SIGTERM');
      statuses.push((await session.get(NGINX, '/api/v1/me')).status);
    }
    expect(await stopping).toEqual({ code: 0, signal: null });
    // Live clients are told the server is going away, and reconnect elsewhere.
    expect((await onA.closed).code).toBe(1001);
    expect(statuses).toEqual(Array(40).fill(200));
    expect((await session.get(NGINX, '/api/v1/me')).status).toBe(200);
  });
});
