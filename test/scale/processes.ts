import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import pg from 'pg';
import { withDatabase } from '../global-setup.js';
import { send } from './http.js';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CLI = join(ROOT, 'src/cli/tessera.ts');
const TSX = pathToFileURL(join(ROOT, 'node_modules/tsx/dist/loader.mjs')).href;
/** Starting from source (tsx compiles on the fly) is slow on a busy two-core machine. */
const START_TIMEOUT_MS = 90_000;

/** These suites need real PostgreSQL; the runner only picks them when DATABASE_URL is set. */
export function requireDatabaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url)
    throw new Error('test/scale needs DATABASE_URL (a PostgreSQL it may create databases in)');
  return url;
}

/** A new, empty database on the server of DATABASE_URL; `drop` removes it. */
export async function createFreshDatabase(prefix: string) {
  const baseUrl = requireDatabaseUrl();
  const name = `${prefix}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  return {
    url: withDatabase(baseUrl, name),
    drop: async () => {
      const dropper = new pg.Client({ connectionString: baseUrl });
      await dropper.connect();
      try {
        await dropper.query(`drop database if exists ${name} with (force)`);
      } finally {
        await dropper.end();
      }
    },
  };
}

/** A private folder, readable by nginx's unprivileged workers when the test runs as root. */
export function createTempDir(prefix: string) {
  const dir = mkdtempSync(join(tmpdir(), `tessera-${prefix}-`));
  chmodSync(dir, 0o755);
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export type LogLine = { msg?: string; pid?: number; [key: string]: unknown };

export type Tessera = {
  name: string;
  url: string;
  child: ChildProcess;
  /** Every JSON log line the process printed so far (all its workers' too). */
  logs: LogLine[];
  /** Everything it printed, for a failure's message. */
  output(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Resolves with the first log line matching, or rejects after `timeoutMs`. */
  waitForLog(match: (line: LogLine) => boolean, timeoutMs?: number): Promise<LogLine>;
  stop(signal?: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
};

/**
 * `tessera serve` as an operator runs it, in its own process from the sources, with only the
 * environment given here (never the test's DATABASE_URL or a developer's .env: the working
 * directory is a temporary folder). Resolves once `/healthz` answers.
 */
export async function startTessera(options: {
  name: string;
  port: number;
  env: Record<string, string>;
  args?: string[];
  /** Resolve once the process is running, without waiting for it to answer. */
  waitUntilHealthy?: boolean;
}): Promise<Tessera> {
  const cwd = createTempDir(`${options.name}-cwd`);
  const child = spawn(process.execPath, ['--import', TSX, CLI, 'serve', ...(options.args ?? [])], {
    cwd: cwd.dir,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      NODE_ENV: 'production',
      SESSION_SECRET: 'scale-test-session-secret-0123456789abcdef',
      ACCESS_KEY_ENCRYPTION_KEY: 'scale-test-access-key-encryption-key-0123456789',
      HOST: '127.0.0.1',
      PORT: String(options.port),
      LOG_LEVEL: 'info',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: LogLine[] = [];
  const printed: string[] = [];
  const waiters = new Set<{ match: (line: LogLine) => boolean; resolve: (l: LogLine) => void }>();
  let buffer = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    let newline = buffer.indexOf('\n');
    while (newline >= 0) {
      const text = buffer.slice(0, newline);
      buffer = buffer.slice(newline + 1);
      newline = buffer.indexOf('\n');
      printed.push(text);
      if (!text.startsWith('{')) continue;
      const line = JSON.parse(text) as LogLine;
      logs.push(line);
      for (const waiter of waiters) {
        if (waiter.match(line)) {
          waiters.delete(waiter);
          waiter.resolve(line);
        }
      }
    }
  });
  child.stderr?.on('data', (chunk: Buffer) => printed.push(chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => {
      cwd.remove();
      resolve({ code, signal });
    }),
  );
  const output = () => printed.join('\n');

  const tessera: Tessera = {
    name: options.name,
    url: `http://127.0.0.1:${options.port}`,
    child,
    logs,
    output,
    exited,
    waitForLog(match, timeoutMs = 30_000) {
      const seen = logs.find(match);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const waiter = { match, resolve };
        waiters.add(waiter);
        setTimeout(() => {
          if (!waiters.delete(waiter)) return;
          reject(new Error(`${options.name}: no such log line in ${timeoutMs} ms\n${output()}`));
        }, timeoutMs).unref();
      });
    },
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
  if (options.waitUntilHealthy === false) return tessera;

  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    if (child.exitCode !== null) {
      throw new Error(`${options.name} exited with ${child.exitCode}\n${output()}`);
    }
    const healthy = await send(`${tessera.url}/healthz`).then(
      (reply) => reply.status === 200,
      () => false,
    );
    if (healthy) return tessera;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${options.name} did not answer within ${START_TIMEOUT_MS} ms\n${output()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** The processes a process forked (a cluster primary's workers), from Linux's /proc. */
export async function childPids(pid: number): Promise<number[]> {
  const text = await readFile(`/proc/${pid}/task/${pid}/children`, 'utf8');
  return text.trim().split(/\s+/).filter(Boolean).map(Number);
}
