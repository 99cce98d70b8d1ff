import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NO_ASSIGNMENT_VIOLATIONS, assignmentViolations } from '../helpers/assignment-states.js';
import { testDatabaseKind } from '../helpers/database-kind.js';
import { NO_LEDGER_VIOLATIONS, ledgerViolations } from '../helpers/ledger.js';
import { createServerDatabase, type ServerDatabase } from '../helpers/server-database.js';
import { startServerProcess, type ServerProcess } from '../helpers/server-process.js';
import {
  NO_ACKNOWLEDGED_VIOLATIONS,
  acknowledgedViolations,
  seedMarketplace,
  startWorkLoad,
  waitUntil,
  type Marketplace,
} from '../helpers/work-load.js';

/**
 * A real `tessera serve` process is killed with SIGKILL in the middle of a stream of accepts,
 * submits, reviews, bonuses, deposits and payouts, and started again on the same database (the
 * run's kind: a PGlite data folder or a PostgreSQL database). Clients keep retrying as careful
 * clients do. Afterwards everything the server acknowledged is there exactly once and the
 * ledger and the assignments are consistent.
 */
const PORT = 26101;
const FEE_PERCENT = 10;

let database: ServerDatabase<Marketplace>;
let server: ServerProcess | undefined;

beforeAll(async () => {
  database = await createServerDatabase((db) =>
    seedMarketplace(db, {
      feePercent: FEE_PERCENT,
      requesters: 2,
      workers: 4,
      tasks: 150,
      slots: 2,
    }),
  );
}, 60_000);
afterAll(async () => {
  await server?.kill('SIGKILL');
  await database?.drop();
});

describe(`kill -9 of the server under load (${testDatabaseKind()})`, () => {
  it('loses no acknowledged work or payment and leaves nothing half done', async () => {
    const market = database.seeded;
    const env = {
      ...database.env,
      PLATFORM_FEE_PERCENT: String(FEE_PERCENT),
      PAYMENTS_SANDBOX: '1',
      PAYOUT_MINIMUM_CENTS: '1',
    };
    server = await startServerProcess(env, { port: PORT });

    const load = startWorkLoad(server.base, market);
    await waitUntil(() => load.acked.approved.size >= 8, 40_000, 'approvals before the kill');
    const killed = server;
    await killed.kill('SIGKILL');
    const atKill = {
      approved: load.acked.approved.size,
      answers: load.answers.length,
    };

    server = await startServerProcess(env, { port: PORT });
    await waitUntil(
      () => load.acked.approved.size >= atKill.approved + 3,
      40_000,
      'approvals after the restart',
    );
    await load.stop();
    await server.kill('SIGTERM');

    // Clients saw the server go away (no answer at all), and never a server error.
    expect(load.answers.slice(atKill.answers).some((a) => a.status === 0)).toBe(true);
    expect(
      load.answers.filter((a) => a.status >= 500),
      `${killed.output()}\n${server.output()}`,
    ).toEqual([]);

    const check = await database.open();
    try {
      expect(await acknowledgedViolations(check.db, load.acked)).toEqual(
        NO_ACKNOWLEDGED_VIOLATIONS,
      );
      expect(await ledgerViolations(check.db, FEE_PERCENT)).toEqual(NO_LEDGER_VIOLATIONS);
      expect(await assignmentViolations(check.db)).toEqual(NO_ASSIGNMENT_VIOLATIONS);
    } finally {
      await check.close();
    }
  }, 120_000);
});
