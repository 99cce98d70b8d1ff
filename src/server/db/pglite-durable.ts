import fs from 'node:fs';
import { PGlite, type PGliteOptions } from '@electric-sql/pglite';
import { NodeFS } from '@electric-sql/pglite/nodefs';

type PGliteInit = Parameters<NodeFS['init']>;
type NodeStream = { nfd?: number };
type ModuleWithNodeFs = { NODEFS: { stream_ops: { fsync?: (stream: NodeStream) => number } } };

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
        (mod as ModuleWithNodeFs).NODEFS.stream_ops.fsync = (stream) => {
          if (stream.nfd !== undefined) fs.fsyncSync(stream.nfd);
          return 0;
        };
      },
    ];
    return { emscriptenOpts: { ...emscriptenOpts, preRun } };
  }
}

/** Options for `PGlite.create` that keep the data in `dataDir` with fsync on. */
export function durableDataDir(dataDir: string): Pick<PGliteOptions, 'fs' | 'startParams'> {
  const defaults = (PGlite as unknown as { defaultStartParams: string[] }).defaultStartParams;
  return {
    fs: new DurableNodeFS(dataDir),
    startParams: [...defaults.filter((p) => p !== '-F'), '-c', 'wal_sync_method=fsync'],
  };
}
