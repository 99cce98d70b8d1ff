import { writeSync } from 'node:fs';
import { stringMember } from '../../shared/narrow.js';

/** A pino destination: anything with `write(line)`. */
export type LogDestination = {
  write(line: string): void;
  /** Lines dropped so far because the reader of the output was not keeping up. */
  readonly dropped: number;
};

/**
 * Log lines to a file descriptor, never waiting on its reader. pino's own stdout destination
 * keeps whatever a full pipe will not take in memory and, at exit, loops until the pipe takes
 * it: a server whose supervisor stopped reading its output (a test harness that exited while
 * another process still holds the pipe, an `npm start` wrapper gone) grows without bound and
 * then never finishes exiting. Here a line the pipe cannot take at once is dropped (counted,
 * and reported once the reader catches up), and a pipe whose reader is gone (EPIPE) or a
 * terminal that went away (EIO) ends logging. Never blocking needs a non-blocking descriptor:
 * see `guardStandardStreams`.
 */
export function createLogDestination(fd: number): LogDestination {
  let dropped = 0;
  let closed = false;
  /** The rest of a line the reader took only part of: finished before anything else. */
  let unfinished: Buffer | undefined;

  /** Writes as much of `data` as the descriptor takes now; returns what it did not take. */
  function writeNow(data: Buffer): Buffer | undefined {
    let offset = 0;
    while (offset < data.length) {
      try {
        offset += writeSync(fd, data, offset);
      } catch (err) {
        if (stringMember(err, 'code') !== 'EAGAIN') closed = true;
        return data.subarray(offset);
      }
    }
    return undefined;
  }

  function writeLine(data: Buffer): boolean {
    if (unfinished) unfinished = writeNow(unfinished);
    if (unfinished || closed) return false;
    const rest = writeNow(data);
    if (rest?.length === data.length) return false;
    // Part of the line went out: keep the rest so the next line does not continue it.
    unfinished = rest;
    return true;
  }

  return {
    get dropped() {
      return dropped;
    },
    write(line: string) {
      if (closed) return;
      if (dropped > 0 && !unfinished) {
        const notice = JSON.stringify({
          level: 40,
          time: Date.now(),
          pid: process.pid,
          droppedLines: dropped,
          msg: 'log lines were dropped while the output was not being read',
        });
        if (!writeLine(Buffer.from(`${notice}\n`))) {
          dropped += 1;
          return;
        }
        dropped = 0;
      }
      if (!writeLine(Buffer.from(line))) dropped += 1;
    },
  };
}

/**
 * What a server does before it logs anything. Opening process.stdout and process.stderr makes
 * a pipe or socket behind them non-blocking (libuv does so for every pipe it opens), so the log
 * destination's writes fail with EAGAIN instead of waiting on a reader that may never read. A
 * write error on them (EPIPE once the reader is gone, EIO once the terminal is) would otherwise
 * be an uncaught exception in the middle of a shutdown: there is nowhere left to report it,
 * so it is ignored.
 */
export function guardStandardStreams(): void {
  for (const stream of [process.stdout, process.stderr]) {
    if (stream.listenerCount('error') === 0) stream.on('error', () => {});
  }
}
