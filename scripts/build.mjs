// `npm run build`: builds the server and the web app when their sources changed since their last
// build (`--force`: always). `node scripts/build.mjs server` builds only the server.
import { buildStale } from './build-stamp.mjs';

const args = process.argv.slice(2);
const names = args.filter((arg) => arg === 'server' || arg === 'web');
try {
  const built = buildStale(names.length ? names : ['server', 'web'], {
    force: args.includes('--force'),
  });
  if (built.length === 0) console.log('The build is up to date.');
} catch (error) {
  console.error(error.message);
  process.exit(1);
}
