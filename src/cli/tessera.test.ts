import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const TSX = pathToFileURL(join(ROOT, 'node_modules/tsx/dist/loader.mjs')).href;
// Not the repository: a developer's .env there must not change what the command sees.
const cwd = mkdtempSync(join(tmpdir(), 'tessera-cli-'));
afterAll(() => rmSync(cwd, { recursive: true, force: true }));

/** `tessera <args>` with only the given environment, as an operator's shell runs it. */
function tessera(args: string[], env: Record<string, string>) {
  const run = spawnSync(
    process.execPath,
    ['--import', TSX, join(ROOT, 'src/cli/tessera.ts'), ...args],
    {
      cwd,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
      encoding: 'utf8',
      timeout: 60_000,
    },
  );
  return {
    status: run.status,
    stdout: run.stdout,
    stderrLines: run.stderr.split('\n').filter(Boolean),
  };
}

describe('tessera with a bad configuration', () => {
  it('prints one line naming the variable, no stack, and exits 78', () => {
    const run = tessera(['serve'], { PORT: 'abc', DATA_DIR: join(cwd, 'data') });
    expect(run.status).toBe(78);
    expect(run.stdout).toBe('');
    const naming = run.stderrLines.filter((line) => line.includes('PORT'));
    expect(naming).toEqual([expect.stringMatching(/^Invalid configuration: PORT: /)]);
    expect(run.stderrLines.filter((line) => /^\s+at /.test(line))).toEqual([]);
  });
});
