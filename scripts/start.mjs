// `npm start`: rebuilds only what changed (see build-stamp.mjs), then runs `tessera serve` in
// this same process, so signals reach the server directly.
import { fileURLToPath } from 'node:url';
import { buildStale, TARGETS } from './build-stamp.mjs';

try {
  buildStale(Object.keys(TARGETS));
} catch (error) {
  console.error(error.message);
  process.exit(1);
}
const cli = fileURLToPath(new URL('../dist/node/cli/tessera.js', import.meta.url));
// As if started as `node dist/node/cli/tessera.js serve …`: commander reads process.argv, and
// `serve --workers N` forks process.argv[1].
process.argv.splice(1, Infinity, cli, 'serve', ...process.argv.slice(2));
await import(cli);
