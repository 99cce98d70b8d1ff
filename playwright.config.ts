import { defineConfig, devices, type Project } from '@playwright/test';
import { BASE_URL, DEMO_BASE_URL, E2E_DEMO_PORT, E2E_PORT } from './e2e/env.js';

// Debian's chromium: Playwright cannot download its own browser on these machines.
const chromium = {
  ...devices['Desktop Chrome'],
  viewport: { width: 1280, height: 800 },
  launchOptions: {
    executablePath: '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  },
};

const projects: Project[] = [{ name: 'e2e', testIgnore: /screenshots\.spec\.ts$/, use: chromium }];
// `npm run screenshots` refreshes docs/screenshots; the normal run leaves them alone.
if (process.env.SCREENSHOTS) {
  projects.push({ name: 'screenshots', testMatch: /screenshots\.spec\.ts$/, use: chromium });
}

const server = {
  reuseExistingServer: false,
  timeout: 120_000,
  stdout: 'pipe',
  stderr: 'pipe',
  gracefulShutdown: { signal: 'SIGTERM', timeout: 10_000 },
} as const;

export default defineConfig({
  testDir: './e2e',
  outputDir: './test-results',
  fullyParallel: false,
  workers: 2,
  retries: 0,
  forbidOnly: true,
  // Sized for a loaded 2-core CI machine, where the same suite has run 2.7 times slower than on a
  // quiet one (23 minutes against 8.5): a cold page in a new browser context has taken over 10
  // seconds to show its heading, and a 40-second test 84. Waiting longer only slows a failing run.
  timeout: 180_000,
  expect: { timeout: 20_000 },
  reporter: [['list']],
  use: {
    baseURL: BASE_URL,
    headless: true,
    // Mantine honours reduced motion, so drawers and modals open at once and axe never measures
    // contrast halfway through a fade-in.
    contextOptions: { reducedMotion: 'reduce' },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects,
  webServer: [
    {
      command: 'node --import tsx e2e/start-server.ts',
      url: `${BASE_URL}/readyz`,
      env: { E2E_PORT: String(E2E_PORT), E2E_DEMO: '0' },
      ...server,
    },
    // The demo data on a server of its own (see e2e/env.ts).
    {
      command: 'node --import tsx e2e/start-server.ts',
      url: `${DEMO_BASE_URL}/readyz`,
      env: { E2E_PORT: String(E2E_DEMO_PORT), E2E_DEMO: '1' },
      ...server,
    },
  ],
});
