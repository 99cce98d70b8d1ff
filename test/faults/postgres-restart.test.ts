import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/server/db/database.js';
import { migrateToLatest } from '../../src/server/db/migrate.js';
import { withDatabase } from '../global-setup.js';
import { NO_ASSIGNMENT_VIOLATIONS, assignmentViolations } from '../helpers/assignment-states.js';
import { testDatabaseKind } from '../helpers/database-kind.js';
import { NO_LEDGER_VIOLATIONS, ledgerViolations } from '../helpers/ledger.js';
import { startPrivatePostgres, type PrivatePostgres } from '../helpers/private-postgres.js';
import { call, startServerProcess, type ServerProcess } from '../helpers/server-process.js';
import {
  NO_ACKNOWLEDGED_VIOLATIONS,
  acknowledgedViolations,
  seedMarketplace,
  startWorkLoad,
  waitUntil,
} from '../helpers/work-load.js';

/**
 * PostgreSQL goes away under load and comes back, while the server keeps running. The cluster is
 * a private one (its own initdb and port) so that stopping it touches no other test. Runs in the
 * PostgreSQL pass of the suite (the embedded database has no server to lose).
 */
const PG_PORT = 26201;
const SERVER_PORT = 26202;
const FEE_PERCENT = 10;
/** An outage answer must come well before the pool's connection timeout (5 s) would end it. */
const FAIL_FAST_MS = 5_000;

let cluster: PrivatePostgres | undefined;
let server: ServerProcess | undefined;

describe.runIf(testDatabaseKind() === 'postgres')('PostgreSQL restart under load', () => {
  beforeAll(async () => {
    cluster = await startPrivatePostgres(PG_PORT);
  }, 90_000);
  afterAll(async () => {
    await server?.kill('SIGKILL');
    await cluster?.destroy();
  });

  it('answers 503 at once during the outage, recovers without a restart and duplicates nothing', async () => {
    const admin = new pg.Client({ connectionString: cluster!.url });
    await admin.connect();
    await admin.query('create database tessera');
    await admin.end();
    const url = withDatabase(cluster!.url, 'tessera');
    const seeding = await openDatabase({ kind: 'postgres', url, poolSize: 5 });
    await migrateToLatest(seeding.db);
    const market = await seedMarketplace(seeding.db, {
      feePercent: FEE_PERCENT,
      requesters: 2,
      workers: 4,
      tasks: 150,
      slots: 2,
    });
    await seeding.close();
    server = await startServerProcess(
      {
        DATABASE_URL: url,
        PLATFORM_FEE_PERCENT: String(FEE_PERCENT),
        PAYMENTS_SANDBOX: '1',
        PAYOUT_MINIMUM_CENTS: '1',
      },
      { port: SERVER_PORT },
    );
    const { base, pid } = server;
    const requesterToken = market.projects[0]!.requesterToken;

    const load = startWorkLoad(base, market);

    /** PostgreSQL stops under load for a few seconds, then starts again. */
    async function outage(mode: 'fast' | 'immediate') {
      const approvedBefore = load.acked.approved.size;
      await waitUntil(
        () => load.acked.approved.size >= approvedBefore + 8,
        40_000,
        `approvals before the ${mode} stop`,
      );
      await cluster!.stop(mode);
      const down = Date.now();

      // While PostgreSQL is away: quick 503s with the usual error body, for reads and writes.
      const depositKey = `outage-deposit-${mode}-${down}`;
      const probes = [];
      for (let round = 0; round < 3; round++) {
        probes.push(
          ...(await Promise.all([
            call(base, 'GET', '/readyz'),
            call(base, 'GET', '/me', { token: requesterToken }),
            call(base, 'GET', '/feed', { token: market.workers[0]!.token }),
            call(base, 'POST', '/me/deposits', {
              token: requesterToken,
              body: { amountCents: 700 },
              headers: { 'idempotency-key': depositKey },
            }),
          ])),
        );
        await sleep(500);
      }
      const up = Date.now();
      await cluster!.start();

      for (const probe of probes) {
        expect(probe.status).toBe(503);
        expect(probe.body.error.code).toBe('unavailable');
        expect(probe.ms).toBeLessThan(FAIL_FAST_MS);
      }
      const duringOutage = load.answers.filter((a) => a.startedAt >= down && a.startedAt < up);
      expect(duringOutage.length).toBeGreaterThan(0);
      expect(duringOutage.filter((a) => a.status !== 503 || a.ms >= FAIL_FAST_MS)).toEqual([]);

      // Back without a restart: the same process answers again and the work goes on.
      expect(server!.alive()).toBe(true);
      let ready = await call(base, 'GET', '/readyz');
      const recoveryDeadline = Date.now() + 30_000;
      while (ready.status !== 200 && Date.now() < recoveryDeadline) {
        await sleep(200);
        ready = await call(base, 'GET', '/readyz');
      }
      expect(ready.status).toBe(200);
      expect(server!.pid).toBe(pid);
      const approvedAtRecovery = load.acked.approved.size;
      await waitUntil(
        () => load.acked.approved.size >= approvedAtRecovery + 5,
        40_000,
        `approvals after the ${mode} stop`,
      );

      // The client retries the deposit that failed during the outage: it is made once.
      const retried = await call(base, 'POST', '/me/deposits', {
        token: requesterToken,
        body: { amountCents: 700 },
        headers: { 'idempotency-key': depositKey },
      });
      expect(retried.status).toBe(201);
      const again = await call(base, 'POST', '/me/deposits', {
        token: requesterToken,
        body: { amountCents: 700 },
        headers: { 'idempotency-key': depositKey },
      });
      expect(again.status).toBe(200);
      expect(again.body.transactionId).toBe(retried.body.transactionId);
    }

    // A clean stop (a restart or failover), then a crash (recovery from the WAL on start).
    await outage('fast');
    await outage('immediate');

    await load.stop();
    // Anything else is a bug: the server's log says what it was.
    expect(
      load.answers.filter((a) => a.status >= 500 && a.status !== 503),
      server.output(),
    ).toEqual([]);
    expect(load.answers.filter((a) => a.status === 0)).toEqual([]);

    const check = await openDatabase({ kind: 'postgres', url, poolSize: 2 });
    try {
      expect(await acknowledgedViolations(check.db, load.acked)).toEqual(
        NO_ACKNOWLEDGED_VIOLATIONS,
      );
      expect(await ledgerViolations(check.db, FEE_PERCENT)).toEqual(NO_LEDGER_VIOLATIONS);
      expect(await assignmentViolations(check.db)).toEqual(NO_ASSIGNMENT_VIOLATIONS);
    } finally {
      await check.close();
    }
  }, 150_000);
});
