/**
 * An operator's first minutes: a server on a new embedded data folder prints a one-time setup
 * link; opening it in the browser creates the first administrator, who lands on the Users page.
 * The link then stops working. (The terminal path, `create-admin` while the server runs, is
 * test/first-run.) With SCREENSHOTS=1 it also photographs the setup page for the docs.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from './test.js';
import { E2E_PORT } from './env.js';

// Clear of the suite's own two servers (E2E_PORT and E2E_PORT + 1).
const PORT = E2E_PORT + 10;
const BASE = `http://127.0.0.1:${PORT}`;
const cli = fileURLToPath(new URL('../dist/node/cli/tessera.js', import.meta.url));

let server: ChildProcess | undefined;
let dataDir = '';
let setupLink = '';

test.beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'tessera-e2e-setup-'));
  server = spawn(process.execPath, [cli, 'serve'], {
    cwd: dataDir,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: 'development',
      HOST: '127.0.0.1',
      PORT: String(PORT),
      PUBLIC_URL: BASE,
      DATA_DIR: dataDir,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  setupLink = await new Promise<string>((resolve, reject) => {
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const link = /(http:\/\/\S+\/setup\/\S+)/.exec(output)?.[1];
      if (link) resolve(link);
    };
    server!.stdout!.on('data', read);
    server!.stderr!.on('data', read);
    server!.once('exit', (code) => reject(new Error(`serve exited ${code}:\n${output}`)));
  });
  // The link is printed before the port opens; wait until it answers.
  await expect
    .poll(async () => (await fetch(`${BASE}/readyz`).catch(() => undefined))?.status, {
      timeout: 60_000,
    })
    .toBe(200);
});

test.afterAll(async () => {
  if (server && server.exitCode === null) {
    const exited = new Promise((resolve) => server!.once('exit', resolve));
    server.kill('SIGTERM');
    await exited;
  }
  rmSync(dataDir, { recursive: true, force: true });
});

test('the printed setup link creates the first administrator, once', async ({ page }) => {
  expect(setupLink.startsWith(`${BASE}/setup/`)).toBe(true);
  await page.goto(setupLink);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    'Create the first administrator',
  );
  await page.getByRole('textbox', { name: 'Display name', exact: true }).fill('Grace Operator');
  await page.getByRole('textbox', { name: 'Email', exact: true }).fill('grace@operator.example');
  await page
    .getByRole('textbox', { name: 'Password', exact: true })
    .fill('a long passphrase for grace');
  if (process.env.SCREENSHOTS) {
    await page.mouse.move(0, 0);
    await page.evaluate(() => document.fonts.ready);
    await page.screenshot({
      path: fileURLToPath(new URL('../docs/screenshots/setup.png', import.meta.url)),
      animations: 'disabled',
      caret: 'hide',
    });
  }
  await page.getByRole('button', { name: 'Create administrator' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Users');
  await expect(
    page.getByRole('table', { name: 'Users' }).getByText('grace@operator.example'),
  ).toBeVisible();

  // The same link a second time: refused with a reason, and no second admin is made.
  await page.context().clearCookies();
  await page.goto(setupLink);
  await page.getByRole('textbox', { name: 'Display name', exact: true }).fill('Mallory');
  await page.getByRole('textbox', { name: 'Email', exact: true }).fill('mallory@attacker.example');
  await page
    .getByRole('textbox', { name: 'Password', exact: true })
    .fill('another long passphrase');
  await page.getByRole('button', { name: 'Create administrator' }).click();
  await expect(page.getByRole('alert')).toContainText('Could not create the administrator');
  const login = await fetch(`${BASE}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      email: 'mallory@attacker.example',
      password: 'another long passphrase',
    }),
  });
  expect(login.status).toBe(401);
});
