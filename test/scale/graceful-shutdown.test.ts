import { randomUUID } from 'node:crypto';
import { Agent } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../../src/server/db/database.js';
import { expectLedgerConsistent } from '../helpers/ledger.js';
import { SIMPLE_FORM } from '../helpers/work.js';
import { send, Session } from './http.js';
import { createFreshDatabase, startTessera, type Tessera } from './processes.js';

const PORT = 24_300;
const SHUTDOWN_TIMEOUT_MS = 15_000;
const DEPOSIT_CENTS = 100;
const UPLOAD_ROWS = 8_000;
/** Deposits acknowledged before the signal, so the stream is well under way. */
const BEFORE_SIGNAL = 40;
/** Clients sending deposits side by side, each its own requester (its own rate-limit budget). */
const CLIENTS = 6;

type Outcome = { key: string; status?: number; error?: string };

let database: Awaited<ReturnType<typeof createFreshDatabase>>;
let tessera: Tessera;
let check: DatabaseHandle;
let tokens: string[];
let projectId: string;

beforeAll(async () => {
  database = await createFreshDatabase('scale_shutdown');
  tessera = await startTessera({
    name: 'shutdown',
    port: PORT,
    env: {
      DATABASE_URL: database.url,
      PAYMENTS_SANDBOX: '1',
      SHUTDOWN_TIMEOUT_MS: String(SHUTDOWN_TIMEOUT_MS),
    },
  });
  const requesters = await Promise.all(
    Array.from({ length: CLIENTS }, async (_, i) => {
      const session = new Session();
      const signup = await session.post(tessera.url, '/api/v1/auth/signup', {
        email: `requester${i}@example.com`,
        password: 'correct horse battery',
        displayName: `Requester ${i}`,
        roles: ['requester'],
      });
      expect(signup.status).toBe(201);
      const created = await session.post(tessera.url, '/api/v1/me/tokens', {
        name: 'script',
        scopes: ['money:read', 'money:write', 'projects:read', 'projects:write'],
      });
      return { session, token: created.json<{ token: string }>().token };
    }),
  );
  tokens = requesters.map((r) => r.token);
  const project = await requesters[0]!.session.post(tessera.url, '/api/v1/projects', {
    title: 'Animals',
    description: 'Is it an animal?',
    rewardCents: 5,
    assignmentsPerTask: 1,
    template: SIMPLE_FORM,
  });
  projectId = project.json<{ id: string }>().id;
  check = await openDatabase({ kind: 'postgres', url: database.url, poolSize: 2 });
}, 120_000);

afterAll(async () => {
  await tessera?.stop('SIGKILL');
  await check?.close();
  await database?.drop();
});

describe('SIGTERM under load', () => {
  it('finishes what it acknowledged, refuses the rest whole, and exits 0 within the bound', async () => {
    const outcomes: Outcome[] = [];
    const acknowledged = () => outcomes.filter((o) => o.status && o.status < 300).length;

    // Each client sends deposits one after another until the server is gone; half of them
    // reuse kept-alive connections, half connect anew for each.
    const clients = tokens.map(async (token, i) => {
      const agent = i % 2 === 0 ? new Agent({ keepAlive: true, maxSockets: 1 }) : undefined;
      for (let sent = 0; sent < 5_000; sent++) {
        const key = randomUUID();
        try {
          const reply = await send(`${tessera.url}/api/v1/me/deposits`, {
            method: 'POST',
            headers: { authorization: `Bearer ${token}`, 'idempotency-key': key },
            body: { amountCents: DEPOSIT_CENTS },
            ...(agent ? { agent } : {}),
          });
          outcomes.push({ key, status: reply.status });
        } catch (err) {
          const code = (err as NodeJS.ErrnoException).code ?? 'unknown';
          outcomes.push({ key, error: code });
          if (code === 'ECONNREFUSED') break;
        }
      }
      agent?.destroy();
    });

    while (acknowledged() < BEFORE_SIGNAL) await new Promise((r) => setTimeout(r, 20));
    // A long request in flight when the signal comes: thousands of rows in one transaction.
    const rows = Array.from({ length: UPLOAD_ROWS }, (_, i) => ({ word: `word${i}` }));
    const upload = send(`${tessera.url}/api/v1/projects/${projectId}/batches`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokens[0]}`, 'idempotency-key': 'big-upload' },
      body: { rows },
    });
    await tessera.waitForLog(
      (line) => line.msg === 'incoming request' && JSON.stringify(line).includes('/batches'),
    );
    const signalAt = Date.now();
    tessera.child.kill('SIGTERM');

    const uploaded = await upload;
    await Promise.all(clients);
    const exit = await tessera.exited;
    const stopMs = Date.now() - signalAt;

    expect(uploaded.status, uploaded.text()).toBe(201);
    expect(exit, tessera.output()).toEqual({ code: 0, signal: null });
    expect(stopMs).toBeLessThan(SHUTDOWN_TIMEOUT_MS);
    expect(tessera.logs.find((l) => l.msg === 'stopped')).toMatchObject({ cutConnections: 0 });

    // Every client was finally refused a connection: the stream ran past the close.
    expect(outcomes.filter((o) => o.error === 'ECONNREFUSED')).toHaveLength(CLIENTS);
    const statuses = new Set(outcomes.flatMap((o) => (o.status ? [o.status] : [])));
    expect([...statuses].every((s) => s === 201 || s === 503)).toBe(true);

    const recorded = new Set(
      (
        await check.db
          .selectFrom('idempotency_keys')
          .select('key')
          .where('route', '=', 'POST /api/v1/me/deposits')
          .execute()
      ).map((r) => r.key),
    );
    const sent = new Set(outcomes.map((o) => o.key));
    const ok = outcomes.filter((o) => o.status === 201);
    expect(ok.length).toBeGreaterThanOrEqual(BEFORE_SIGNAL);
    // Acknowledged → in the database; refused with 503 → never reached a handler.
    expect(ok.filter((o) => !recorded.has(o.key))).toEqual([]);
    expect(outcomes.filter((o) => o.status === 503 && recorded.has(o.key))).toEqual([]);
    expect([...recorded].filter((key) => !sent.has(key))).toEqual([]);
    // Whatever was cut mid-way was applied whole or not at all.
    expect(await expectLedgerConsistent(check.db)).toEqual({
      unbalanced: [],
      drifted: [],
      empty: [],
    });
    const funds = await check.db
      .selectFrom('ledger_accounts')
      .select((eb) => eb.fn.sum<number>('balance_cents').as('cents'))
      .where('kind', '=', 'requester_available')
      .executeTakeFirstOrThrow();
    expect(Number(funds.cents)).toBe(recorded.size * DEPOSIT_CENTS);
    const tasks = await check.db
      .selectFrom('tasks')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('project_id', '=', projectId)
      .executeTakeFirstOrThrow();
    expect(Number(tasks.n)).toBe(UPLOAD_ROWS);
  });
});
