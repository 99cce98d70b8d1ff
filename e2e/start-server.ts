/**
 * Starts the built server for the end-to-end suites on the embedded database in a fresh
 * temporary folder, with an administrator already in it, and removes the folder on exit.
 * With E2E_DEMO=1 the database gets the demo data first (`tessera seed --demo`, which needs an
 * empty database). Playwright runs this as its webServer and stops it with SIGTERM.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ADMIN, BASE_URL, E2E_PORT, E2E_SMTP_PORT, MAILBOX_FILE } from './env.js';
import { startMailReceiver } from './mail-receiver.js';

const cli = fileURLToPath(new URL('../dist/node/cli/tessera.js', import.meta.url));
const dataDir = mkdtempSync(join(tmpdir(), 'tessera-e2e-'));

// Only what the server needs: no DATABASE_URL or REDIS_URL from the caller's shell, so the
// suite always runs on a new embedded database.
const env: NodeJS.ProcessEnv = {
  PATH: process.env.PATH,
  HOME: process.env.HOME,
  NODE_ENV: 'development',
  HOST: '127.0.0.1',
  PORT: String(E2E_PORT),
  PUBLIC_URL: BASE_URL,
  DATA_DIR: dataDir,
  LOG_LEVEL: 'warn',
  // Webhook specs deliver to a receiver on this machine (e2e/webhook-receiver.ts).
  WEBHOOKS_ALLOW_PRIVATE_TARGETS: 'true',
  // The suite signs up and in dozens of accounts a minute, all from 127.0.0.1: above the default
  // 20 a minute per address. The limit itself is tested in src/server/plugins/rate-limits.test.ts.
  RATE_LIMIT_AUTH_PER_MINUTE: '1000',
  // Proposals are open for votes about 26 seconds (e2e/governance.spec.ts waits for one to close).
  GOVERNANCE_VOTE_DAYS: '0.0003',
};
// The main server sends real email to a receiver of its own (the demo server sends none).
const withMail = process.env.E2E_DEMO !== '1';
if (withMail) {
  env.SMTP_URL = `smtp://127.0.0.1:${E2E_SMTP_PORT}`;
  env.MAIL_FROM = 'Tessera <no-reply@e2e.tessera.test>';
}
// The working directory is the temporary folder so that a developer's .env is not loaded.
const options = { env, cwd: dataDir };

const removeDataDir = () => rmSync(dataDir, { recursive: true, force: true });

if (process.env.E2E_DEMO === '1') {
  // The demo runs with a pay floor, as a real marketplace should: $7.25 an hour.
  env.MIN_HOURLY_CENTS = '725';
  const demo = spawnSync(process.execPath, [cli, 'seed', '--demo'], {
    ...options,
    stdio: 'inherit',
  });
  if (demo.status !== 0) {
    removeDataDir();
    console.error(`seed --demo failed (exit ${demo.status}); did \`npm run build\` run?`);
    process.exit(1);
  }
}

const admin = spawnSync(
  process.execPath,
  [cli, 'create-admin', '--email', ADMIN.email, '--name', ADMIN.displayName],
  { ...options, env: { ...env, TESSERA_ADMIN_PASSWORD: ADMIN.password }, stdio: 'inherit' },
);
if (admin.status !== 0) {
  removeDataDir();
  console.error(`create-admin failed (exit ${admin.status}); did \`npm run build\` run?`);
  process.exit(1);
}

const receiver = withMail ? await startMailReceiver(E2E_SMTP_PORT, MAILBOX_FILE) : undefined;
const server = spawn(process.execPath, [cli, 'serve'], { ...options, stdio: 'inherit' });
server.on('exit', (code, signal) => {
  removeDataDir();
  receiver?.close();
  if (withMail) rmSync(MAILBOX_FILE, { force: true });
  process.exit(code ?? (signal ? 0 : 1));
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => server.kill(signal));
}
