// `npm run build`: builds the server, the web app and the crowd-html-elements bundle when their
// sources changed since their last build (`--force`: always). `node scripts/build.mjs server`
// builds only the server.
import { buildStale, TARGETS } from './build-stamp.mjs';

const args = process.argv.slice(2);
const names = args.filter((arg) => Object.hasOwn(TARGETS, arg));
try {
  const built = buildStale(names.length ? names : Object.keys(TARGETS), {
    force: args.includes('--force'),
  });
  if (built.length === 0) console.log('The build is up to date.');
} catch (error) {
  console.error(error.message);
  process.exit(1);
}
