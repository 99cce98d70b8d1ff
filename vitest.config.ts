import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: [
            'src/**/*.unit.test.ts',
            'scripts/**/*.unit.test.ts',
            'eslint-rules/**/*.unit.test.ts',
          ],
          environment: 'node',
          // Pure functions: one module graph per worker instead of one per file (43 s → 10 s).
          isolate: false,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
          exclude: ['src/**/*.unit.test.ts', 'test/scale/**', 'node_modules/**'],
          environment: 'node',
          globalSetup: ['test/global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          pool: 'forks',
          // Each file still gets a database and an app of its own (test/helpers/app.ts); only the
          // imported modules are shared by the files a worker runs, which halves the suites (PGlite
          // 505 s → 254 s, PostgreSQL 349 s → 156 s). It relies on the source keeping no per-app
          // state at module level; `--sequence.shuffle.files` runs a check for leaks by hand.
          isolate: false,
        },
      },
      {
        // Real `tessera serve` processes (cluster, graceful shutdown, two instances behind
        // nginx) on PostgreSQL; scripts/test-integration.mjs runs them when DATABASE_URL is set.
        test: {
          name: 'scale',
          include: ['test/scale/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 120_000,
          pool: 'forks',
          // Each file starts servers of its own; one file at a time keeps two cores responsive.
          fileParallelism: false,
        },
      },
    ],
  },
});
