import fs from 'node:fs';
import { PGlite, type PGliteOptions } from '@electric-sql/pglite';
import { NodeFS } from '@electric-sql/pglite/nodefs';
import { isRecord, memberOf } from '../../shared/narrow.js';

type PGliteInit = Parameters<NodeFS['init']>;

/**
 * PGlite's folder on disk, made as durable as PostgreSQL's: a committed transaction is on the
 * disk, not only in the operating system's cache, before the commit returns.
 *
 * Out of the box PGlite starts PostgreSQL with `-F` (fsync off), and the Emscripten file system
 * it writes through (NODEFS) has no fsync at all, so commits survive a killed process (every
 * write reaches the OS at once) but not a power cut or a kernel crash. Here NODEFS gets an fsync
 * that calls the real one, PostgreSQL runs with fsync on, and the WAL is flushed with fsync()
 * (Emscripten's fdatasync, PostgreSQL's default on Linux, does nothing).
 */
class DurableNodeFS extends NodeFS {
  override async init(...[pg, options]: PGliteInit) {
    const { emscriptenOpts } = await super.init(pg, options);
    const preRun = [
      ...(emscriptenOpts.preRun ?? []),
      (mod: unknown) => {
        // Emscripten's internals, which PGlite's types leave out: checked, so a PGlite that
        // changed them fails at start rather than running without fsync.
        const streamOps = memberOf(memberOf(mod, 'NODEFS'), 'stream_ops');
        if (!isRecord(streamOps))
          throw new Error('PGlite has no NODEFS stream_ops to add fsync to');
        streamOps.fsync = (stream: unknown) => {
          const fd = memberOf(stream, 'nfd');
          if (typeof fd === 'number') fs.fsyncSync(fd);
          return 0;
        };
      },
    ];
    return { emscriptenOpts: { ...emscriptenOpts, preRun } };
  }
}

/** Options for `PGlite.create` that keep the data in `dataDir` with fsync on. */
export function durableDataDir(dataDir: string): Pick<PGliteOptions, 'fs' | 'startParams'> {
  return {
    fs: new DurableNodeFS(dataDir),
    startParams: [
      ...PGlite.defaultStartParams.filter((p) => p !== '-F'),
      '-c',
      'wal_sync_method=fsync',
    ],
  };
}
