import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DataDirLockedError, LOCK_FILE, lockDataDir, lockHolder } from './data-dir-lock.js';

let dir = '';
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tessera-lock-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const lockFile = () => join(dir, LOCK_FILE);
const writeLock = (pid: number) => writeFileSync(lockFile(), JSON.stringify({ pid }));

describe('the data folder lock', () => {
  it('holds the folder with our pid, refuses it twice, and frees it on release', () => {
    const lock = lockDataDir(dir);
    expect(JSON.parse(readFileSync(lockFile(), 'utf8'))).toEqual({ pid: process.pid });
    expect(statSync(lockFile()).mode & 0o777).toBe(0o600);
    expect(() => lockDataDir(dir)).toThrow(DataDirLockedError);
    lock.release();
    expect(existsSync(lockFile())).toBe(false);
    lockDataDir(dir).release();
  });

  it('refuses a folder a live process holds, naming its pid', async () => {
    const holder = spawn('sleep', ['30']);
    try {
      writeLock(holder.pid!);
      expect(lockHolder(dir)?.pid).toBe(holder.pid);
      let refusal: unknown;
      try {
        lockDataDir(dir);
      } catch (error) {
        refusal = error;
      }
      expect(refusal).toBeInstanceOf(DataDirLockedError);
      expect((refusal as Error).message).toContain(`in use by Tessera process ${holder.pid}`);
      expect(JSON.parse(readFileSync(lockFile(), 'utf8')).pid).toBe(holder.pid);
    } finally {
      holder.kill();
      await new Promise((resolve) => holder.once('exit', resolve));
    }
  });

  it('takes over a lock left by a process that is gone', () => {
    const gone = spawnSync('true');
    writeLock(gone.pid);
    expect(lockHolder(dir)).toBeUndefined();
    const lock = lockDataDir(dir);
    expect(JSON.parse(readFileSync(lockFile(), 'utf8')).pid).toBe(process.pid);
    lock.release();
  });

  it('publishes the setup link beside our pid', () => {
    const lock = lockDataDir(dir);
    lock.publish({ api: 'http://127.0.0.1:3000', token: 't0ken' });
    expect(JSON.parse(readFileSync(lockFile(), 'utf8'))).toEqual({
      pid: process.pid,
      setup: { api: 'http://127.0.0.1:3000', token: 't0ken' },
    });
    lock.release();
    expect(existsSync(lockFile())).toBe(false);
  });
});
