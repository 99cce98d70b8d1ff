/**
 * Answer aggregation (issue #17): Dawid-Skene over a simulated crowd of T tasks × 5 answers ×
 * 3 labels (default T = 100,000), beside majority vote on the same answers in the same run (the
 * baseline). Pure computation, no database: what the aggregation job does once it holds a
 * project's answers in columns.
 *
 * Time: wall clock and this process's CPU time (on a shared, loaded machine the CPU time is the
 * steadier figure). Memory: this process's peak resident set (Linux VmHWM, reset right before each method) and its
 * resident set before, which already holds the answers; also the heap and array buffers after.
 *
 *   npx tsx bench/aggregate/index.ts [--tasks N] [--workers N]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { dawidSkene } from '../../src/server/lib/aggregation/dawid-skene.js';
import { majorityVote } from '../../src/server/lib/aggregation/majority-vote.js';
import { simulatedCrowd } from './simulated-crowd.js';

const { values: args } = parseArgs({
  options: { tasks: { type: 'string' }, workers: { type: 'string' } },
});
const TASKS = Number(args.tasks ?? 100_000);
const WORKERS = Number(args.workers ?? 1_000);
if (!Number.isInteger(TASKS) || TASKS < 1) throw new Error('--tasks must be a whole number ≥ 1');
if (!Number.isInteger(WORKERS) || WORKERS < 5) throw new Error('--workers must be ≥ 5');

const mib = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
const statusKib = (field: 'VmRSS' | 'VmHWM') =>
  Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync('/proc/self/status', 'utf8'))?.[1]);

function measure<T>(name: string, run: () => T): { result: T; seconds: number } {
  // Writing 5 to clear_refs resets the peak resident set size to the current one.
  writeFileSync('/proc/self/clear_refs', '5');
  const rssBefore = statusKib('VmRSS') * 1024;
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const result = run();
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const peak = statusKib('VmHWM') * 1024;
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  console.log(
    `${name.padEnd(12)} ${seconds.toFixed(3)} s (CPU ${cpuSeconds.toFixed(3)} s)   peak RSS ${mib(peak)} MiB ` +
      `(+${mib(peak - rssBefore)} over ${mib(rssBefore)})   heap ${mib(heapUsed)} MiB   ` +
      `array buffers ${mib(arrayBuffers)} MiB`,
  );
  return { result, seconds };
}

const crowd = simulatedCrowd({ tasks: TASKS, workers: WORKERS, labels: 3, perTask: 5, seed: 17 });
console.log(
  `workload: ${TASKS.toLocaleString('en')} tasks × 5 answers × 3 labels, ` +
    `${WORKERS.toLocaleString('en')} workers (60 % good, 20 % biased, 20 % random), ` +
    `${crowd.goldTasks} gold tasks`,
);
const accuracy = (answer: Int32Array) => {
  let right = 0;
  for (let t = 0; t < TASKS; t++) if (answer[t] === crowd.truth[t]) right++;
  return ((100 * right) / TASKS).toFixed(2);
};

const majority = measure('majority', () => majorityVote(crowd.answers));
const ds = measure('dawid_skene', () => dawidSkene(crowd.answers));
console.log(
  `dawid_skene: ${ds.result.iterations} iterations, converged ${ds.result.converged}; ` +
    `accuracy against the simulated truth: majority ${accuracy(majority.result.answer)} %, ` +
    `dawid_skene ${accuracy(ds.result.answer)} %`,
);
console.log(`ratio dawid_skene / majority time: ${(ds.seconds / majority.seconds).toFixed(1)}×`);
