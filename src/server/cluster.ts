import cluster, { type Worker } from 'node:cluster';
import { availableParallelism } from 'node:os';
import { pino } from 'pino';
import { ConfigError, type Config } from './config.js';
import { openDatabase } from './db/database.js';
import { migrateToLatest } from './db/migrate.js';
import { createLogDestination, guardStandardStreams } from './lib/log-destination.js';
import { isCredentialsMessage } from './modules/accounts/credential-changes.js';

/** More workers than this is a typo, not a plan (each holds its own database pool). */
export const MAX_WORKERS = 256;
/** A worker that ran this long before dying is restarted without delay growing further. */
const STABLE_AFTER_MS = 30_000;
/** Failed starts in a row (dying before listening) after which the primary gives up. */
const MAX_FAILED_STARTS = 5;
/** Past SHUTDOWN_TIMEOUT_MS, how long workers have to close pools before they are killed. */
const KILL_GRACE_MS = 10_000;

/** `--workers`: a count, or `auto` for one per available core. */
export function parseWorkers(value: string): number {
  if (value === 'auto') return availableParallelism();
  const count = Number(value);
  if (!Number.isInteger(count) || count < 1 || count > MAX_WORKERS) {
    throw new Error(`--workers must be a whole number from 1 to ${MAX_WORKERS}, or auto.`);
  }
  return count;
}

/** Backoff before restarting a worker that died `crashes` times in a row: 0.5 s doubling to 30 s. */
export function restartDelayMs(crashes: number): number {
  return Math.min(30_000, 500 * 2 ** Math.max(0, crashes - 1));
}

/** Why this configuration cannot run `workers` processes, if it cannot. */
export function clusterRefusal(config: Config, workers: number): string | undefined {
  if (workers > 1 && !config.databaseUrl) {
    return (
      `--workers ${workers} needs PostgreSQL: the embedded database (PGlite) lives inside one ` +
      'process and cannot be shared. Set DATABASE_URL, or run a single worker.'
    );
  }
  return undefined;
}

type Slot = {
  index: number;
  worker?: Worker;
  startedAt: number;
  crashes: number;
  listened: boolean;
};

/**
 * The primary of `tessera serve --workers N`: applies migrations once, forks N workers that
 * share the port (the primary hands out connections round-robin), restarts a worker that dies
 * with a growing delay, and on SIGTERM/SIGINT passes SIGTERM to every worker, waits for their
 * graceful shutdown and exits 0 (1 when a worker had to be killed or failed to stop cleanly).
 */
export async function runPrimary(config: Config, workers: number): Promise<void> {
  const refusal = clusterRefusal(config, workers);
  if (refusal || !config.databaseUrl) throw new ConfigError(refusal ?? 'DATABASE_URL is not set');
  guardStandardStreams();
  const log = pino(
    { level: config.logLevel, base: { pid: process.pid, role: 'primary' } },
    createLogDestination(1),
  );
  if (!config.redisUrl) {
    log.warn(
      'REDIS_URL is not set: each worker counts rate limits on its own and delivers live events ' +
        'only to its own WebSocket clients',
    );
  }

  const database = await openDatabase({ kind: 'postgres', url: config.databaseUrl, poolSize: 1 });
  try {
    const { results } = await migrateToLatest(database.db);
    const applied = results?.map((r) => r.migrationName) ?? [];
    log.info({ applied }, applied.length ? 'applied migrations' : 'database schema is current');
  } finally {
    await database.close();
  }

  const slots: Slot[] = Array.from({ length: workers }, (_, index) => ({
    index,
    startedAt: 0,
    crashes: 0,
    listened: false,
  }));
  const pendingRestarts = new Set<NodeJS.Timeout>();
  let stopping = false;
  let cleanStop = true;
  let announced = false;

  function fork(slot: Slot) {
    const worker = cluster.fork();
    slot.worker = worker;
    slot.startedAt = Date.now();
    slot.listened = false;
    worker.on('listening', () => {
      slot.listened = true;
      log.info({ worker: slot.index, workerPid: worker.process.pid }, 'worker listening');
      if (!announced && slots.every((s) => s.listened)) {
        announced = true;
        log.info(`Tessera is running at ${config.publicUrl} with ${workers} workers on PostgreSQL`);
      }
    });
    worker.on('exit', (code, signal) => onExit(slot, worker, code, signal));
    // A worker's credential change (a revoked token, a suspension) reaches the others' token
    // caches through here when there is no Redis to carry it.
    worker.on('message', (message: unknown) => {
      if (!isCredentialsMessage(message)) return;
      for (const other of slots) {
        if (other.worker && other.worker !== worker && other.worker.isConnected())
          other.worker.send(message);
      }
    });
  }

  function onExit(slot: Slot, worker: Worker, code: number | null, signal: string | null) {
    if (slot.worker !== worker) return;
    slot.worker = undefined;
    if (stopping) {
      if (code !== 0) cleanStop = false;
      if (slots.every((s) => !s.worker)) finish();
      return;
    }
    const lived = Date.now() - slot.startedAt;
    slot.crashes = lived >= STABLE_AFTER_MS ? 1 : slot.crashes + 1;
    if (!slot.listened && slot.crashes >= MAX_FAILED_STARTS) {
      log.fatal(
        { worker: slot.index, failedStarts: slot.crashes },
        'a worker keeps failing to start (see its error above); stopping',
      );
      cleanStop = false;
      stop('worker-failures');
      return;
    }
    const delayMs = restartDelayMs(slot.crashes);
    log.error(
      { worker: slot.index, workerPid: worker.process.pid, code, signal, delayMs },
      'worker died; restarting it',
    );
    const timer = setTimeout(() => {
      pendingRestarts.delete(timer);
      if (!stopping) fork(slot);
    }, delayMs);
    pendingRestarts.add(timer);
  }

  function stop(reason: NodeJS.Signals | 'worker-failures') {
    if (stopping) {
      // A second Ctrl-C: stop now.
      if (reason === 'SIGINT') {
        for (const slot of slots) slot.worker?.process.kill('SIGKILL');
        process.exit(1);
      }
      return;
    }
    stopping = true;
    for (const timer of pendingRestarts) clearTimeout(timer);
    pendingRestarts.clear();
    log.info({ reason }, 'stopping workers');
    // Workers got Ctrl-C's SIGINT from the terminal too; a repeated signal changes nothing there.
    for (const slot of slots) slot.worker?.process.kill('SIGTERM');
    if (slots.every((s) => !s.worker)) return finish();
    // Not unref'd: it must fire even when nothing else keeps the primary's loop alive.
    setTimeout(() => {
      log.error('workers did not stop in time; killing them');
      cleanStop = false;
      for (const slot of slots) slot.worker?.process.kill('SIGKILL');
    }, config.shutdownTimeoutMs + KILL_GRACE_MS);
  }

  function finish() {
    log.info({ clean: cleanStop }, 'all workers stopped');
    process.exit(cleanStop ? 0 : 1);
  }

  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  for (const slot of slots) fork(slot);
}
