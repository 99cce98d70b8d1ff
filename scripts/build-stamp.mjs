// Builds the server (tsc) and the web app (vite) only when their sources changed since their
// last successful build, so `npm start` with nothing changed starts in seconds, not a minute.
// What each build read is fingerprinted (SHA-256 of every input file's path and content) and
// written to dist/.build-stamp.json after the build succeeds.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
const STAMP = join(ROOT, 'dist', '.build-stamp.json');
const SHARED = ['src/shared', 'package-lock.json', 'tsconfig.json'];

export const TARGETS = {
  server: {
    inputs: ['src/server', 'src/cli', 'tsconfig.build.json', ...SHARED],
    output: 'dist/node/cli/tessera.js',
    command: ['npx', 'tsc', '-p', 'tsconfig.build.json'],
  },
  web: {
    inputs: ['src/web', 'vite.config.ts', 'vite-precompress.ts', ...SHARED],
    output: 'dist/web/index.html',
    command: ['npx', 'vite', 'build'],
  },
  crowd: {
    inputs: ['src/crowd-elements', 'vite.crowd.config.ts', ...SHARED],
    output: 'dist/crowd/crowd-html-elements.js',
    command: ['npx', 'vite', 'build', '--config', 'vite.crowd.config.ts'],
  },
};

/** Tests are in the source folders but in no build. */
const isBuildInput = (path) => !/\.test\.tsx?$/.test(path);

function filesUnder(path) {
  if (!existsSync(path)) return [];
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path, { withFileTypes: true }).flatMap((entry) =>
    filesUnder(join(path, entry.name)),
  );
}

/** A hash of every input file's path and content. */
export function fingerprint(inputs, root = ROOT) {
  const hash = createHash('sha256');
  const files = inputs
    .flatMap((input) => filesUnder(join(root, input)))
    .map((file) => relative(root, file))
    .filter(isBuildInput)
    .sort();
  for (const file of files) hash.update(`${file}\0`).update(readFileSync(join(root, file)));
  return hash.digest('hex');
}

/**
 * The targets to rebuild: those whose output is missing or whose inputs' fingerprint differs
 * from the one stamped after their last successful build (no stamp: everything).
 */
export function staleTargets({ names, fingerprints, stamp, outputExists }) {
  return names.filter((name) => !outputExists(name) || stamp?.[name] !== fingerprints[name]);
}

function readStamp() {
  try {
    return JSON.parse(readFileSync(STAMP, 'utf8'));
  } catch {
    return undefined;
  }
}

/** Rebuilds what is stale among `names`; throws if a build fails (its output was shown). */
export function buildStale(names, { force = false } = {}) {
  const fingerprints = Object.fromEntries(
    names.map((name) => [name, fingerprint(TARGETS[name].inputs)]),
  );
  const stale = force
    ? names
    : staleTargets({
        names,
        fingerprints,
        stamp: readStamp(),
        outputExists: (name) => existsSync(join(ROOT, TARGETS[name].output)),
      });
  for (const name of stale) {
    const [command, ...args] = TARGETS[name].command;
    console.log(`Building the ${name} (${[command, ...args].join(' ')})…`);
    const result = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit' });
    if (result.status !== 0) throw new Error(`The ${name} build failed (exit ${result.status}).`);
    mkdirSync(join(ROOT, 'dist'), { recursive: true });
    // Re-read: a build of the other target may have stamped meanwhile.
    writeFileSync(STAMP, JSON.stringify({ ...readStamp(), [name]: fingerprints[name] }, null, 2));
  }
  return stale;
}
