import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
// The run's own database and Redis must never leak into a server a fault test starts.
const INHERITED_BUT_NOT_PASSED = ['DATABASE_URL', 'DATABASE_READ_URL', 'REDIS_URL', 'DATA_DIR'];
const OUTPUT_KEPT = 20_000;

/** A `tessera serve` child process, the way an operator runs it (production mode). */
export type ServerProcess = {
  readonly base: string;
  readonly pid: number;
  alive(): boolean;
  /** The last lines it printed, for failure messages. */
  output(): string;
  /** Sends `signal` and waits for the process to exit. */
  kill(signal: NodeJS.Signals): Promise<void>;
};

const running = new Set<ChildProcess>();
// A crashed test run must not leave servers behind.
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/**
 * Starts the server from source (`node --import tsx src/cli/tessera.ts serve`, so the pid is the
 * server's own and SIGKILL hits it) and waits until `/readyz` answers 200.
 */
export async function startServerProcess(
  env: Record<string, string>,
  options: { port: number; readyTimeoutMs?: number },
): Promise<ServerProcess> {
  const childEnv: NodeJS.ProcessEnv = { ...process.env };
  for (const name of INHERITED_BUT_NOT_PASSED) delete childEnv[name];
  Object.assign(childEnv, {
    NODE_ENV: 'production',
    SESSION_SECRET: 'f'.repeat(40),
    ACCESS_KEY_ENCRYPTION_KEY: 'k'.repeat(40),
    HOST: '127.0.0.1',
    PORT: String(options.port),
    LOG_LEVEL: 'error',
    ...env,
  });
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/tessera.ts', 'serve'], {
    cwd: REPO,
    env: childEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-OUTPUT_KEPT);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  void exited.then(() => running.delete(child));

  const server: ServerProcess = {
    base: `http://127.0.0.1:${options.port}`,
    pid: child.pid ?? -1,
    alive: () => child.exitCode === null && child.signalCode === null,
    output: () => output,
    async kill(signal) {
      if (server.alive()) child.kill(signal);
      await exited;
    },
  };

  const deadline = Date.now() + (options.readyTimeoutMs ?? 60_000);
  while (Date.now() < deadline) {
    if (!server.alive()) throw new Error(`the server exited while starting:\n${output}`);
    try {
      const res = await fetch(`${server.base}/readyz`, { signal: AbortSignal.timeout(2_000) });
      if (res.status === 200) return server;
    } catch {
      // Not listening yet.
    }
    await sleep(200);
  }
  await server.kill('SIGKILL');
  throw new Error(`the server was not ready in time:\n${output}`);
}

export type Answer = {
  status: number;
  body: any;
  headers?: Headers;
  ms: number;
  startedAt: number;
  /** Set when no HTTP answer came back (connection refused or reset, timeout). */
  networkError?: string;
};

/** One HTTP call that never throws: a network failure is an answer with status 0. */
export async function call(
  base: string,
  method: string,
  path: string,
  options: {
    token?: string;
    body?: unknown;
    headers?: Record<string, string>;
    timeoutMs?: number;
  } = {},
): Promise<Answer> {
  const startedAt = Date.now();
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  try {
    const res = await fetch(`${base}/api/v1${path}`, {
      method,
      headers,
      ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
      signal: AbortSignal.timeout(options.timeoutMs ?? 15_000),
    });
    const text = await res.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // Not JSON: keep the text.
    }
    return {
      status: res.status,
      body,
      headers: res.headers,
      ms: Date.now() - startedAt,
      startedAt,
    };
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause;
    return {
      status: 0,
      body: undefined,
      ms: Date.now() - startedAt,
      startedAt,
      networkError: cause?.code ?? (error as Error).name,
    };
  }
}
