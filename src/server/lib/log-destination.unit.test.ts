import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const TSX = pathToFileURL(join(ROOT, 'node_modules/tsx/dist/loader.mjs')).href;
const MODULE = pathToFileURL(join(ROOT, 'src/server/lib/log-destination.ts')).href;
const LINES = 5_000;

/**
 * A process logging LINES lines of about 200 bytes through the destination to its stdout, a
 * pipe to this test, once its stdin ends; it prints on stderr how many lines it dropped.
 */
function logger() {
  const script = `
    const { createLogDestination, guardStandardStreams } = await import(${JSON.stringify(MODULE)});
    guardStandardStreams();
    const log = createLogDestination(1);
    process.stdin.resume();
    process.stdin.on('end', () => {
      for (let i = 0; i < ${LINES}; i++) log.write(JSON.stringify({ i, pad: 'x'.repeat(200) }) + '\\n');
      process.stderr.write(String(log.dropped));
    });`;
  const child = spawn(process.execPath, ['--import', TSX, '--input-type=module', '-e', script], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  return { child, exited, stderr: () => stderr };
}

describe('createLogDestination', () => {
  it('drops what a pipe nobody reads will not take, keeps lines whole, and never waits', async () => {
    const { child, exited, stderr } = logger();
    // Not reading (a listener that reads nothing keeps Node from draining the pipe for us).
    child.stdout.on('readable', () => {});
    child.stdin.end();
    expect(await exited).toBe(0);

    child.stdout.removeAllListeners('readable');
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await new Promise((resolve) => child.stdout.once('end', resolve));
    // Every line arrived whole (the logged ones, and notices of those dropped in between), but
    // for the last when the pipe took only its beginning before the process exited.
    const pieces = output.split('\n');
    const unfinished = pieces.pop() ? 1 : 0;
    const lines = pieces.map((line) => JSON.parse(line) as { i?: number; droppedLines?: number });
    const logged = lines.filter((line) => line.i !== undefined);
    const reported = lines.reduce((sum, line) => sum + (line.droppedLines ?? 0), 0);
    const droppedAtEnd = Number(stderr());
    expect(droppedAtEnd).toBeGreaterThan(0);
    expect(logged.length + unfinished + reported + droppedAtEnd).toBe(LINES);
  });

  it('stops logging, without an error, once the reader is gone', async () => {
    const { child, exited, stderr } = logger();
    child.stdout.destroy();
    child.stdin.end();
    expect(await exited).toBe(0);
    // Only its count on stderr: no uncaught EPIPE.
    expect(stderr()).toMatch(/^\d+$/);
  });
});
