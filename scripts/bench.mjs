// Runs every benchmark under bench/ (each folder's index.ts), one after another, on PostgreSQL
// when DATABASE_URL is set and on the embedded database otherwise. Each prints its own workload,
// figures and ratio to a same-run baseline.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const only = process.argv.slice(2);
const benches = readdirSync('bench', { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(join('bench', d.name, 'index.ts')))
  .map((d) => d.name)
  .filter((name) => only.length === 0 || only.includes(name))
  .sort();
let failed = 0;
for (const name of benches) {
  console.log(`\n━━ bench/${name} ━━`);
  const result = spawnSync('npx', ['tsx', join('bench', name, 'index.ts')], { stdio: 'inherit' });
  if (result.status !== 0) failed += 1;
}
process.exit(failed ? 1 : 0);
