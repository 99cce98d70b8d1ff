import { spawn, type ChildProcess } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';

const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/**
 * A `redis-server` of its own on `port` (no persistence: like production Redis here, it holds
 * nothing that must survive), which a test may kill, freeze and start again.
 */
export type PrivateRedis = {
  url: string;
  start(): Promise<void>;
  /** SIGKILL: the server and its connections are gone. */
  kill(): Promise<void>;
  /** SIGSTOP / SIGCONT: connections stay open but nothing answers. */
  freeze(): void;
  thaw(): void;
  /** Keys present now (rate-limit counters), through a short-lived connection. */
  keys(pattern: string): Promise<string[]>;
};

export async function startPrivateRedis(port: number): Promise<PrivateRedis> {
  let child: ChildProcess | undefined;
  const url = `redis://127.0.0.1:${port}`;
  const redis: PrivateRedis = {
    url,
    async start() {
      const started = spawn(
        'redis-server',
        ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
        { stdio: 'ignore' },
      );
      child = started;
      running.add(started);
      started.once('exit', () => running.delete(started));
      const deadline = Date.now() + 20_000;
      for (;;) {
        if (started.exitCode !== null) throw new Error(`redis-server exited (${started.exitCode})`);
        const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0 });
        client.on('error', () => {});
        try {
          await client.connect();
          if ((await client.ping()) === 'PONG') return;
        } catch {
          if (Date.now() > deadline) throw new Error('redis-server did not start');
        } finally {
          client.disconnect();
        }
        await sleep(100);
      }
    },
    async kill() {
      const current = child;
      if (!current || current.exitCode !== null || current.signalCode !== null) return;
      const exited = new Promise((resolve) => current.once('exit', resolve));
      current.kill('SIGCONT');
      current.kill('SIGKILL');
      await exited;
    },
    freeze: () => void child?.kill('SIGSTOP'),
    thaw: () => void child?.kill('SIGCONT'),
    async keys(pattern) {
      const client = new Redis(url, { maxRetriesPerRequest: 0 });
      try {
        return await client.keys(pattern);
      } finally {
        client.disconnect();
      }
    },
  };
  await redis.start();
  return redis;
}
