import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../../src/server/app.js';
import { loadConfig } from '../../src/server/config.js';
import { openDatabase, type DatabaseHandle } from '../../src/server/db/database.js';
import { migrateToLatest } from '../../src/server/db/migrate.js';
import { signUp } from '../helpers/app.js';
import { createTestClock } from '../helpers/clock.js';
import { accept, fundedProject, submit } from '../helpers/review.js';
import { createFreshDatabase } from './processes.js';

/**
 * DATABASE_READ_URL: the feed and the results exports read from it, everything else from the
 * primary. A hot standby refuses writes, so those reads must never write: here the "replica" is
 * the primary's own data through connections that are read-only, as a standby's are; and a
 * second, empty database stands for a replica that has not caught up yet.
 */
const cleanups: (() => Promise<void>)[] = [];
let primary: DatabaseHandle;
let readOnly: DatabaseHandle;
let stale: DatabaseHandle;

async function appOver(readDb: DatabaseHandle): Promise<App> {
  const app = await buildApp({
    config: loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', PAYMENTS_SANDBOX: '1' }),
    db: primary.db,
    readDb: readDb.db,
    clock: createTestClock(),
    logger: false,
    rateLimits: { read: 100_000, write: 100_000, anonymous: 100_000, oauth: 100_000 },
    authRateLimitPerMinute: 1_000,
  });
  await app.ready();
  cleanups.push(() => app.close());
  return app;
}

beforeAll(async () => {
  const main = await createFreshDatabase('scale_replica');
  const behind = await createFreshDatabase('scale_replica_stale');
  primary = await openDatabase({ kind: 'postgres', url: main.url });
  await migrateToLatest(primary.db);
  const readOnlyUrl = new URL(main.url);
  readOnlyUrl.searchParams.set('options', '-c default_transaction_read_only=on');
  readOnly = await openDatabase({ kind: 'postgres', url: readOnlyUrl.toString() });
  stale = await openDatabase({ kind: 'postgres', url: behind.url });
  await migrateToLatest(stale.db);
  cleanups.push(
    () => primary.close(),
    () => readOnly.close(),
    () => stale.close(),
    main.drop,
    behind.drop,
  );
});

afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

describe('a read replica (DATABASE_READ_URL)', () => {
  it('serves the feed and results exports without writing', async () => {
    await expect(sql`create table probe (id int)`.execute(readOnly.db)).rejects.toThrow(
      /read-only transaction/,
    );
    const app = await appOver(readOnly);
    const { requester, projectId } = await fundedProject(app, { tasks: 2 });
    const worker = await signUp(app, { roles: ['worker'] });
    const feed = await worker.client.get('/api/v1/feed');
    expect(feed.statusCode, feed.body).toBe(200);
    expect(feed.json().items.map((p: { projectId: string }) => p.projectId)).toEqual([projectId]);
    const preview = await worker.client.get(`/api/v1/feed/${projectId}`);
    expect(preview.statusCode, preview.body).toBe(200);

    await submit(worker, await accept(worker, projectId));
    for (const format of ['csv', 'json']) {
      const results = await requester.client.get(`/api/v1/projects/${projectId}/results.${format}`);
      expect(results.statusCode, results.body).toBe(200);
      expect(results.body).toContain('word0');
    }
  });

  it('reads the feed and exports from the replica, and all else from the primary', async () => {
    const app = await appOver(stale);
    const { requester, projectId } = await fundedProject(app, { tasks: 2 });
    const worker = await signUp(app, { roles: ['worker'] });
    // The replica has not seen the project yet: the feed does not list it…
    expect((await worker.client.get('/api/v1/feed')).json().items).toEqual([]);
    // …but accepting works, on the primary, and so does the requester's own view.
    await submit(worker, await accept(worker, projectId));
    const project = await requester.client.get(`/api/v1/projects/${projectId}`);
    expect(project.json().status).toBe('published');
    const results = await requester.client.get(`/api/v1/projects/${projectId}/results.csv`);
    expect(results.statusCode).toBe(404);
  });
});
