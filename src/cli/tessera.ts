#!/usr/bin/env node
import 'dotenv/config';
import cluster from 'node:cluster';
import { Command, InvalidArgumentError } from 'commander';
import { createServices } from '../server/app.js';
import { clusterRefusal, parseWorkers, runPrimary } from '../server/cluster.js';
import { ConfigError, loadConfig } from '../server/config.js';
import { DataDirLockedError } from '../server/db/data-dir-lock.js';
import type { DatabaseHandle } from '../server/db/database.js';
import { migrateToLatest } from '../server/db/migrate.js';
import { openConfiguredDatabase, startServer } from '../server/main.js';
import { demoBanner, isEmptyDatabase, seedDemo } from '../server/demo/seed.js';
import { systemClock } from '../server/lib/clock.js';
import { emailSchema, passwordSchema } from '../shared/api/accounts.js';
import { errorMessage } from '../shared/narrow.js';
import { createAdminThroughServer } from './create-admin-through-server.js';

const program = new Command()
  .name('tessera')
  .description('Tessera: an open, self-hostable crowd-work marketplace');

function workersOption(value: string): number {
  try {
    return parseWorkers(value);
  } catch (err) {
    throw new InvalidArgumentError(errorMessage(err));
  }
}

program
  .command('serve')
  .description('Run the web app and API (applies migrations first)')
  .option(
    '--workers <count>',
    'processes sharing the port: a number, or auto for one per core (more than one needs PostgreSQL)',
    workersOption,
    1,
  )
  .action(async (options: { workers: number }) => {
    const config = loadConfig();
    // A forked worker runs this same command; its primary has applied the migrations.
    if (cluster.isWorker) {
      await startServer(config, { clusterWorker: true });
      return;
    }
    const refusal = clusterRefusal(config, options.workers);
    if (refusal) {
      console.error(refusal);
      process.exitCode = 2;
      return;
    }
    if (options.workers === 1) await startServer(config);
    else await runPrimary(config, options.workers);
  });

program
  .command('migrate')
  .description('Apply pending database migrations and exit')
  .action(async () => {
    const database = await openConfiguredDatabase(loadConfig());
    try {
      const result = await migrateToLatest(database.db);
      const applied = result.results?.map((r) => r.migrationName) ?? [];
      console.log(
        applied.length ? `Applied: ${applied.join(', ')}` : 'The database is up to date.',
      );
    } finally {
      await database.close();
    }
  });

program
  .command('seed')
  .description('Add demo data: a funded requester with two sample projects, and a worker')
  .requiredOption('--demo', 'the demo data set (the only one there is)')
  .action(async () => {
    const config = loadConfig();
    const database = await openConfiguredDatabase(config);
    try {
      await migrateToLatest(database.db);
      if (!(await isEmptyDatabase(database.db))) {
        console.error('The database already has users; demo data goes only into an empty one.');
        process.exitCode = 2;
        return;
      }
      const services = createServices({ db: database.db, clock: systemClock, config });
      console.log(demoBanner(await seedDemo(services), config.publicUrl));
    } finally {
      await database.close();
    }
  });

program
  .command('create-admin')
  .description('Create an administrator (or make an existing account one)')
  .requiredOption('--email <email>', 'their email address')
  .option('--password <password>', 'their password (or set TESSERA_ADMIN_PASSWORD)')
  .option('--name <displayName>', 'their display name', 'Administrator')
  .action(async (options: { email: string; password?: string; name: string }) => {
    const password = options.password ?? process.env.TESSERA_ADMIN_PASSWORD ?? '';
    const email = emailSchema.safeParse(options.email);
    const pass = passwordSchema.safeParse(password);
    if (!email.success || !pass.success) {
      console.error(
        !email.success ? 'The email is not valid.' : 'The password must be at least 10 characters.',
      );
      process.exitCode = 2;
      return;
    }
    const config = loadConfig();
    const input = { email: email.data, password: pass.data, displayName: options.name };
    let database: DatabaseHandle;
    try {
      database = await openConfiguredDatabase(config);
    } catch (error) {
      if (!(error instanceof DataDirLockedError)) throw error;
      const result = await createAdminThroughServer(error.holder, input);
      (result.ok ? console.log : console.error)(result.message);
      if (!result.ok) process.exitCode = 1;
      return;
    }
    try {
      await migrateToLatest(database.db);
      const { accounts } = createServices({ db: database.db, clock: systemClock, config });
      const { user, created } = await accounts.createAdmin(input);
      console.log(
        created
          ? `Created admin ${user.email}.`
          : `${user.email} already existed and is now an admin.`,
      );
    } finally {
      await database.close();
    }
  });

/** sysexits.h's EX_CONFIG: a restart does not help until the operator changes something. */
const EXIT_CONFIG = 78;

try {
  await program.parseAsync();
} catch (error) {
  // A bad setting, or another process holding the embedded database: one clear line for the
  // operator, not a stack trace.
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exitCode = EXIT_CONFIG;
  } else if (error instanceof DataDirLockedError) {
    console.error(error.message);
    process.exitCode = 1;
  } else {
    throw error;
  }
}
