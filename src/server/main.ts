import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { buildApp, createServices } from './app.js';
import { loadConfig, type Config } from './config.js';
import { openDatabase } from './db/database.js';
import { migrateToLatest } from './db/migrate.js';
import { demoBanner, isEmptyDatabase, seedDemo } from './demo/seed.js';
import { systemClock } from './lib/clock.js';

/** Where the built SPA is: beside the compiled server, or in dist/ when run from source. */
export function findWebDir(): string | undefined {
  const candidates = ['../../web', '../../dist/web'].map((p) =>
    fileURLToPath(new URL(p, import.meta.url)),
  );
  return candidates.find((dir) => existsSync(`${dir}/index.html`));
}

export function openConfiguredDatabase(config: Config) {
  return config.databaseUrl
    ? openDatabase({ kind: 'postgres', url: config.databaseUrl })
    : openDatabase({ kind: 'pglite', dataDir: config.dataDir });
}

export async function startServer(config: Config = loadConfig()) {
  const database = await openConfiguredDatabase(config);
  await migrateToLatest(database.db);
  // A fresh laptop install gets something to look at; a real deployment never gets demo data.
  let demo: string | undefined;
  if (database.kind === 'pglite' && (await isEmptyDatabase(database.db))) {
    const services = createServices({ db: database.db, clock: systemClock, config });
    demo = demoBanner(await seedDemo(services), config.publicUrl);
  }
  const redis = config.redisUrl
    ? new Redis(config.redisUrl, {
        maxRetriesPerRequest: 1,
        enableOfflineQueue: false,
        lazyConnect: false,
      })
    : undefined;
  redis?.on('error', () => {});
  const app = await buildApp({
    config,
    db: database.db,
    redis,
    webDir: findWebDir(),
    runSweeps: true,
  });

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 15_000);
    force.unref();
    await app.close();
    redis?.disconnect();
    await database.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));

  await app.listen({ port: config.port, host: config.host });
  const where =
    database.kind === 'pglite' ? `embedded database in ${config.dataDir}` : 'PostgreSQL';
  app.log.info(`Tessera is running at ${config.publicUrl} on ${where}`);
  if (demo) console.log(demo);
  return { app, database };
}
