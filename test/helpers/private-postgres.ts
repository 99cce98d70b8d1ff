import { execFile, execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Clusters still running, stopped if the test process exits without cleaning up. */
const running = new Map<string, string[]>();
process.once('exit', () => {
  for (const [command, ...args] of running.values()) {
    try {
      execFileSync(command!, args, { stdio: 'ignore', timeout: 10_000 });
    } catch {
      // Already gone.
    }
  }
});

/** The newest PostgreSQL server binaries on this machine (Debian's layout), or PG_BIN. */
export function postgresBinaries(): string | undefined {
  if (process.env.PG_BIN) return process.env.PG_BIN;
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root)
    .filter((v) => existsSync(join(root, v, 'bin', 'pg_ctl')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? join(root, versions[0], 'bin') : undefined;
}

/**
 * A PostgreSQL cluster of its own (initdb into a temporary folder, its own port), so a test may
 * stop and start it without touching the shared server. PostgreSQL refuses to run as root: as
 * root the cluster belongs to the `postgres` user and its tools run through `runuser`.
 */
export type PrivatePostgres = {
  /** postgres://… of the `postgres` database (trust authentication). */
  url: string;
  start(): Promise<void>;
  /** `pg_ctl stop -m <mode>`: `immediate` is a crash (recovery on the next start). */
  stop(mode: 'fast' | 'immediate'): Promise<void>;
  destroy(): Promise<void>;
};

export async function startPrivatePostgres(port: number): Promise<PrivatePostgres> {
  const bin = postgresBinaries();
  if (!bin) throw new Error('PostgreSQL server binaries not found (set PG_BIN)');
  const dir = mkdtempSync(join(tmpdir(), 'tessera-faults-pg-'));
  const data = join(dir, 'data');
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const { stdout } = await run('id', ['-u', 'postgres']);
    const { stdout: gid } = await run('id', ['-g', 'postgres']);
    chownSync(dir, Number(stdout.trim()), Number(gid.trim()));
  }
  const command = (name: string, args: string[]) =>
    asRoot
      ? ['runuser', '-u', 'postgres', '--', join(bin, name), ...args]
      : [join(bin, name), ...args];
  const tool = (name: string, args: string[]) => {
    const [file, ...rest] = command(name, args);
    return run(file!, rest, { timeout: 60_000 });
  };

  let up = false;
  const cluster: PrivatePostgres = {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    async start() {
      await tool('pg_ctl', [
        '-D',
        data,
        '-l',
        join(dir, 'log'),
        '-w',
        '-t',
        '60',
        '-o',
        `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=50`,
        'start',
      ]);
      up = true;
      running.set(data, command('pg_ctl', ['-D', data, '-m', 'immediate', 'stop']));
    },
    async stop(mode) {
      await tool('pg_ctl', ['-D', data, '-m', mode, '-w', '-t', '60', 'stop']);
      up = false;
      running.delete(data);
    },
    async destroy() {
      if (up) await cluster.stop('immediate').catch(() => {});
      rmSync(dir, { recursive: true, force: true });
    },
  };
  try {
    await tool('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync']);
    await cluster.start();
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return cluster;
}
