// Runs the integration suites on the embedded database, then again on PostgreSQL when
// DATABASE_URL is set, so both engines pass the same tests.
import { spawnSync } from 'node:child_process';

const extra = process.argv.slice(2);
const kinds = ['pglite', ...(process.env.DATABASE_URL ? ['postgres'] : [])];
for (const kind of kinds) {
  console.log(`\n▶ integration suites on ${kind}\n`);
  const result = spawnSync('npx', ['vitest', 'run', '--project', 'integration', ...extra], {
    stdio: 'inherit',
    env: { ...process.env, TEST_DB: kind },
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
