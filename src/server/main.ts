import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { buildApp, createServices } from './app.js';
import { findCrowdBundleFile } from './modules/frames/crowd-bundle.routes.js';
import { loadConfig, type Config } from './config.js';
import { openDatabase } from './db/database.js';
import { migrateToLatest } from './db/migrate.js';
import { demoBanner, isEmptyDatabase, seedDemo } from './demo/seed.js';
import { systemClock } from './lib/clock.js';
import { guardStandardStreams } from './lib/log-destination.js';
import { announceSetupLink, issueSetupToken } from './modules/setup/setup-link.js';
import { boundedClose } from './shutdown.js';

/** Where the built SPA is: beside the compiled server, or in dist/ when run from source. */
export function findWebDir(): string | undefined {
  const candidates = ['../../web', '../../dist/web'].map((p) =>
    fileURLToPath(new URL(p, import.meta.url)),
  );
  return candidates.find((dir) => existsSync(`${dir}/index.html`));
}

export function openConfiguredDatabase(config: Config) {
  return config.databaseUrl
    ? openDatabase({
        kind: 'postgres',
        url: config.databaseUrl,
        preparedStatements: config.databasePreparedStatements,
      })
    : openDatabase({ kind: 'pglite', dataDir: config.dataDir });
}

/** A Redis call not answered by then counts as failed, so a frozen Redis never holds a request. */
const REDIS_COMMAND_TIMEOUT_MS = 1_000;

/** Extra time past SHUTDOWN_TIMEOUT_MS for closing sweeps, pools and Redis before giving up. */
const CLOSE_GRACE_MS = 5_000;

export type StartOptions = {
  /**
   * A worker of `serve --workers N`: its primary has applied the migrations, and relays stop
   * signals (so a worker may see one Ctrl-C twice: from the terminal and from the primary).
   */
  clusterWorker?: boolean;
};

export async function startServer(config: Config = loadConfig(), options: StartOptions = {}) {
  guardStandardStreams();
  const database = await openConfiguredDatabase(config);
  // Heavy reads (feed, exports) may go to a replica; everything else stays on the primary.
  const replica = config.databaseReadUrl
    ? await openDatabase({
        kind: 'postgres',
        url: config.databaseReadUrl,
        preparedStatements: config.databasePreparedStatements,
      })
    : undefined;
  if (!options.clusterWorker) await migrateToLatest(database.db);
  // A fresh laptop install gets something to look at; a real deployment never gets demo data.
  let demo: string | undefined;
  if (database.kind === 'pglite' && (await isEmptyDatabase(database.db))) {
    const services = createServices({ db: database.db, clock: systemClock, config });
    demo = demoBanner(await seedDemo(services), config.publicUrl);
  }
  // A cluster runs on PostgreSQL, where create-admin writes directly; its workers print no link.
  const setupToken = options.clusterWorker
    ? undefined
    : await issueSetupToken(database.db, systemClock);
  // Rate-limit counters: while Redis is down or stops answering, a call fails within
  // REDIS_COMMAND_TIMEOUT_MS and the limiter lets the request through (skipOnError).
  const redis = config.redisUrl
    ? new Redis(config.redisUrl, {
        maxRetriesPerRequest: 1,
        enableOfflineQueue: false,
        lazyConnect: false,
        commandTimeout: REDIS_COMMAND_TIMEOUT_MS,
      })
    : undefined;
  redis?.on('error', () => {});
  const app = await buildApp({
    config,
    db: database.db,
    readDb: replica?.db,
    redis,
    webDir: findWebDir(),
    crowdBundleFile: findCrowdBundleFile(),
    runSweeps: true,
  });
  const graceful = boundedClose(app, config.shutdownTimeoutMs);

  let closing = false;
  const shutdown = async (signal: NodeJS.Signals) => {
    // The same stop may be asked for twice (systemd signals a whole cluster and its primary
    // passes it on): repeats change nothing, except a second Ctrl-C, which stops at once.
    if (closing) {
      if (signal === 'SIGINT' && !options.clusterWorker) process.exit(1);
      return;
    }
    closing = true;
    app.log.info(
      { signal, timeoutMs: config.shutdownTimeoutMs },
      'shutting down: refusing new connections, finishing requests in flight',
    );
    // Not unref'd: whatever the graceful close is waiting on, this fires and the process ends.
    setTimeout(() => {
      app.log.error('shutdown did not finish in time; exiting');
      process.exit(1);
    }, config.shutdownTimeoutMs + CLOSE_GRACE_MS);
    try {
      const { cutConnections } = await graceful.close();
      redis?.disconnect();
      await replica?.close();
      await database.close();
      app.log.info({ cutConnections }, 'stopped');
      process.exit(0);
    } catch (err) {
      app.log.error({ err }, 'shutdown failed');
      process.exit(1);
    }
  };
  process.on('SIGTERM', (signal) => void shutdown(signal));
  process.on('SIGINT', (signal) => void shutdown(signal));

  await app.listen({ port: config.port, host: config.host });
  const where =
    database.kind === 'pglite' ? `embedded database in ${config.dataDir}` : 'PostgreSQL';
  app.log.info(`Tessera is running at ${config.publicUrl} on ${where}`);
  if (demo) console.log(demo);
  if (setupToken) {
    const address = app.server.address();
    // listen() was given a port, not a pipe: anything but an AddressInfo is a broken promise.
    if (address === null || typeof address === 'string')
      throw new Error('No TCP address to announce');
    announceSetupLink({
      publicUrl: config.publicUrl,
      token: setupToken,
      address,
      lock: database.dataDirLock,
    });
  }
  return { app, database };
}
