/**
 * Summarises a V8 CPU profile (`node --cpu-prof`, as `NODE_ARGS=--cpu-prof` gives the benches'
 * servers): the frames with the most self time, and the packages and files that time falls in.
 *
 * The profiler samples wall time. `(idle)` is the event loop waiting, and on a loaded machine a
 * socket write (`writev`) also holds the time the thread spent off its core after waking the
 * process it wrote to (PostgreSQL's backend, the load generator): shares are therefore given of
 * the time left after both, which is the server's own work.
 *
 *   npx tsx bench/lib/profile-summary.ts CPU.….cpuprofile [frames=25]
 */
import { readFileSync } from 'node:fs';

type Frame = { functionName: string; url: string; lineNumber: number };
type ProfileNode = { id: number; callFrame: Frame; hitCount?: number };
type Profile = {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
};

const [file, frameCount = '25'] = process.argv.slice(2);
if (!file) {
  console.error('usage: npx tsx bench/lib/profile-summary.ts <file.cpuprofile> [frames]');
  process.exit(2);
}
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((node) => [node.id, node]));

// Self time per node: each sample's delta belongs to the node it landed in.
const selfUs = new Map<number, number>();
profile.samples.forEach((id, i) => {
  selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
});
const totalUs = [...selfUs.values()].reduce((a, b) => a + b, 0);
const NOT_WORK = new Set(['(idle)', 'writev']);

/** Where a frame's code lives: a package under node_modules, node's own, or the app's file. */
function place(url: string): string {
  if (!url) return '(native / V8)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg?.[1]) return pkg[1];
  if (url.startsWith('node:')) return url;
  const app = /\/(src\/.*|cli\/.*|server\/.*)$/.exec(url);
  return app?.[1] ?? url;
}

const frames = new Map<string, number>();
const places = new Map<string, number>();
const excluded = new Map<string, number>();
for (const [id, us] of selfUs) {
  const frame = (byId.get(id) as ProfileNode).callFrame;
  if (NOT_WORK.has(frame.functionName)) {
    excluded.set(frame.functionName, (excluded.get(frame.functionName) ?? 0) + us);
    continue;
  }
  const where = place(frame.url);
  const key = `${frame.functionName || '(anonymous)'}  ${where}:${frame.lineNumber + 1}`;
  frames.set(key, (frames.get(key) ?? 0) + us);
  places.set(where, (places.get(where) ?? 0) + us);
}
const workUs = totalUs - [...excluded.values()].reduce((a, b) => a + b, 0);
const share = (us: number) => `${((us / workUs) * 100).toFixed(1).padStart(5)} %`;
const top = (map: Map<string, number>, n: number) =>
  [...map.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([what, us]) => `${share(us)}  ${what}`)
    .join('\n');

const seconds = (us: number) => `${(us / 1e6).toFixed(1)} s`;
console.log(
  `${file}: ${seconds(totalUs)} of samples, ${[...excluded].map(([what, us]) => `${seconds(us)} ${what}`).join(', ')}; shares below are of the other ${seconds(workUs)}`,
);
console.log(`\nself time by package or file:\n${top(places, 20)}`);
console.log(`\nself time by frame:\n${top(frames, Number(frameCount))}`);
