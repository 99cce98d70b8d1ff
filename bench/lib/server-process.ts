/**
 * A `tessera serve` child process for the benches, and its memory as the kernel counts it.
 *
 * `buildServer()` compiles the server the way `npm run build:server` does, into a private folder
 * (other work may rebuild dist/ meanwhile): a memory figure has to be taken from the server as it
 * is deployed. Run from source under tsx, the same server holds ~80 MiB more (the loader's
 * thread, transformed sources and their source maps) and its larger live heap lets V8 grow the
 * heap further before collecting.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

const REPO = fileURLToPath(new URL('../..', import.meta.url));

export type BuiltServer = { cli: string; remove(): void };

/** Compiles src/ (as tsconfig.build.json says) into .tmp/, within reach of node_modules/. */
export function buildServer(): BuiltServer {
  const outDir = join(REPO, '.tmp', `bench-server-${process.pid}`);
  const tsc = join(REPO, 'node_modules/typescript/bin/tsc');
  // Type errors elsewhere in the tree (work in progress) still emit JavaScript: only a missing
  // entry point is fatal.
  const build = spawnSync(
    process.execPath,
    [tsc, '-p', 'tsconfig.build.json', '--outDir', outDir],
    {
      cwd: REPO,
      encoding: 'utf8',
    },
  );
  const cli = join(outDir, 'cli', 'tessera.js');
  if (!existsSync(cli))
    throw new Error(`building the server failed:\n${build.stdout}${build.stderr}`);
  return { cli, remove: () => rmSync(outDir, { recursive: true, force: true }) };
}

export type ServerProcess = {
  pid: number;
  baseUrl: string;
  /** Resident memory now, in bytes. */
  rss(): number;
  /** The most resident memory since the start or the last `resetPeak()` (Linux VmHWM). */
  peakRss(): number;
  resetPeak(): void;
  stop(): Promise<void>;
};

function statusField(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(
    readFileSync(`/proc/${pid}/status`, 'utf8'),
  );
  if (!match?.[1]) throw new Error(`no ${field} for process ${pid}`);
  return Number(match[1]) * 1024;
}

/**
 * Starts `tessera serve` (the compiled `cli`, or the source under tsx when none is given) in
 * production mode on 127.0.0.1:`port` and waits until /readyz answers.
 */
export async function startServer(options: {
  port: number;
  env: Record<string, string>;
  cli?: string;
  nodeArgs?: string[];
  /** Options of `tessera serve`, e.g. `['--workers', '2']`. */
  serveArgs?: string[];
}): Promise<ServerProcess> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of ['DATABASE_URL', 'DATABASE_READ_URL', 'REDIS_URL', 'DATA_DIR'])
    delete env[name];
  Object.assign(env, {
    NODE_ENV: 'production',
    SESSION_SECRET: 'b'.repeat(40),
    ACCESS_KEY_ENCRYPTION_KEY: 'c'.repeat(40),
    HOST: '127.0.0.1',
    PORT: String(options.port),
    LOG_LEVEL: 'warn',
    // As an operator connecting straight to PostgreSQL would run it (see README).
    DATABASE_PREPARED_STATEMENTS: process.env.DATABASE_PREPARED_STATEMENTS ?? 'on',
    ...options.env,
  });
  const entry = options.cli ? [options.cli] : ['--import', 'tsx', join(REPO, 'src/cli/tessera.ts')];
  const child: ChildProcess = spawn(
    process.execPath,
    [...(options.nodeArgs ?? []), ...entry, 'serve', ...(options.serveArgs ?? [])],
    { cwd: REPO, env, stdio: ['ignore', 'inherit', 'inherit'] },
  );
  const pid = child.pid;
  if (pid === undefined) throw new Error('the server did not start');
  const baseUrl = `http://127.0.0.1:${options.port}`;
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode})`);
    try {
      if ((await fetch(`${baseUrl}/readyz`)).ok) break;
    } catch {
      if (i > 240) throw new Error('the server did not become ready');
    }
    await sleep(500);
  }
  return {
    pid,
    baseUrl,
    rss: () => statusField(pid, 'VmRSS'),
    peakRss: () => statusField(pid, 'VmHWM'),
    // Writing 5 to clear_refs resets the peak resident set size to the current one.
    resetPeak: () => writeFileSync(`/proc/${pid}/clear_refs`, '5'),
    async stop() {
      if (child.exitCode !== null) return;
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      await exited;
    },
  };
}
