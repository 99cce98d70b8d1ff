// Runs the integration suites on the embedded database, then again on PostgreSQL when
// DATABASE_URL is set, so both engines pass the same tests. With PostgreSQL it then runs the
// scale suites (test/scale: real `tessera serve` processes); their two-instance suite also needs
// REDIS_URL and nginx, and is left out, saying so, without them.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const extra = process.argv.slice(2);
// Two test files at a time even on two cores: on PostgreSQL a file spends much of its time waiting
// for the server, and on the embedded database the main process is idle. Every file has its own
// database and its own ports, so files never meet.
const workers = ['--maxWorkers', process.env.INTEGRATION_WORKERS ?? '2'];
const kinds = ['pglite', ...(process.env.DATABASE_URL ? ['postgres'] : [])];
const started = Date.now();
const elapsed = () => `${Math.round((Date.now() - started) / 1000)} s`;
for (const kind of kinds) {
  console.log(`\n▶ integration suites on ${kind} (at ${elapsed()})\n`);
  const result = spawnSync(
    'npx',
    ['vitest', 'run', '--project', 'integration', ...workers, ...extra],
    {
      stdio: 'inherit',
      env: { ...process.env, TEST_DB: kind },
    },
  );
  if (result.status !== 0) process.exit(result.status ?? 1);
}

if (process.env.DATABASE_URL && extra.length === 0) {
  const hasNginx = ['/usr/sbin/nginx', '/usr/local/sbin/nginx', '/usr/bin/nginx'].some(existsSync);
  const missing = [...(process.env.REDIS_URL ? [] : ['REDIS_URL']), ...(hasNginx ? [] : ['nginx'])];
  const args = ['vitest', 'run', '--project', 'scale'];
  console.log(
    `\n▶ scale suites on PostgreSQL (server processes, cluster, nginx) (at ${elapsed()})\n`,
  );
  if (missing.length) {
    console.log(`The two-instance suite needs ${missing.join(' and ')}: not run.\n`);
    args.push('--exclude', 'test/scale/two-instances.test.ts');
  }
  const result = spawnSync('npx', args, { stdio: 'inherit', env: process.env });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
