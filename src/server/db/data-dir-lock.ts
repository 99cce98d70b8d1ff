import { readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { stringMember } from '../../shared/narrow.js';

/** What the lock file says: who holds the folder, and how a command may reach that server. */
const lockContents = z.object({
  pid: z.number(),
  /**
   * Set by a running server while no admin exists (see modules/setup/setup-link.ts). One this
   * version cannot read leaves the holder a holder, only one a command cannot reach.
   */
  setup: z.object({ api: z.string(), token: z.string() }).optional().catch(undefined),
});
export type LockContents = z.infer<typeof lockContents>;

export const LOCK_FILE = 'tessera.lock';

/** Another live process has the embedded database open. */
export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holder: LockContents,
  ) {
    super(
      `The embedded database in ${dataDir} is in use by Tessera process ${holder.pid}; ` +
        'two processes must never open it at once. Stop that server first (to create the first ' +
        'admin while it runs, open the setup link it printed or run ' +
        '`npm run tessera -- create-admin`). If no Tessera process is running, delete ' +
        `${join(dataDir, LOCK_FILE)}.`,
    );
    this.name = 'DataDirLockedError';
  }
}

export type DataDirLock = {
  /** Rewrites the lock file (same holder) with what other commands may use to reach us. */
  publish(setup: LockContents['setup']): void;
  release(): void;
};

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else, which still makes it a live holder.
    return stringMember(error, 'code') === 'EPERM';
  }
}

function readLock(path: string): LockContents | undefined {
  try {
    const parsed = lockContents.safeParse(JSON.parse(readFileSync(path, 'utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** The live process holding `dataDir`, if any (a dead holder's lock counts as free). */
export function lockHolder(dataDir: string): LockContents | undefined {
  const holder = readLock(join(dataDir, LOCK_FILE));
  return holder && holder.pid !== process.pid && isAlive(holder.pid) ? holder : undefined;
}

const held = new Set<string>();
// Whatever way the process ends short of SIGKILL, the folder is free again afterwards.
process.once('exit', () => {
  for (const path of held) unlinkIfOurs(path);
});

function unlinkIfOurs(path: string) {
  if (readLock(path)?.pid !== process.pid) return;
  try {
    unlinkSync(path);
  } catch {
    // Already gone.
  }
}

/**
 * Takes the data folder for this process: `tessera.lock` is created exclusively with our pid.
 * A lock left by a process that is gone (killed, crashed, or a pid from before a reboot that
 * is now ours) is taken over; a live holder's is not.
 */
export function lockDataDir(dataDir: string): DataDirLock {
  const path = join(dataDir, LOCK_FILE);
  if (held.has(path)) throw new DataDirLockedError(dataDir, { pid: process.pid });
  const write = (contents: LockContents, flag: 'wx' | 'w') =>
    writeFileSync(path, JSON.stringify(contents), { flag, mode: 0o600 });
  for (;;) {
    try {
      write({ pid: process.pid }, 'wx');
      break;
    } catch (error) {
      if (stringMember(error, 'code') !== 'EEXIST') throw error;
    }
    const stale = readLock(path);
    const holder = lockHolder(dataDir);
    if (holder) throw new DataDirLockedError(dataDir, holder);
    // Stale (or half written by a process that died at once): remove it, unless another
    // process took it over meanwhile, and race again for the exclusive create.
    if (readLock(path)?.pid !== stale?.pid) continue;
    try {
      unlinkSync(path);
    } catch {
      // Another process removed it first.
    }
  }
  held.add(path);
  return {
    publish(setup) {
      // Write aside and rename: a reader never sees half a file.
      const temporary = `${path}.${process.pid}`;
      writeFileSync(temporary, JSON.stringify({ pid: process.pid, setup }), { mode: 0o600 });
      renameSync(temporary, path);
    },
    release() {
      held.delete(path);
      unlinkIfOurs(path);
    },
  };
}
