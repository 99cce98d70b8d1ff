import { NO_GOLD, type CrowdAnswers } from '../../src/server/lib/aggregation/crowd-answers.js';

/** Mulberry32, so that every run of the bench aggregates the same crowd. */
function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let x = Math.imul(state ^ (state >>> 15), state | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A crowd written straight into columns: 60 % of workers right 80 % of the time, 20 % who call
 * most of label 0 a 1, 20 % who answer at random; one task in a hundred is gold.
 */
export function simulatedCrowd(size: {
  tasks: number;
  workers: number;
  labels: number;
  perTask: number;
  seed: number;
}): { answers: CrowdAnswers; truth: Int32Array; goldTasks: number } {
  const { tasks, workers, labels, perTask } = size;
  const random = generator(size.seed);
  const pick = (n: number) => Math.floor(random() * n);
  const n = tasks * perTask;
  const task = new Int32Array(n);
  const worker = new Int32Array(n);
  const label = new Int32Array(n);
  const truth = new Int32Array(tasks);
  const gold = new Int32Array(tasks).fill(NO_GOLD);
  let goldTasks = 0;
  const chosen = new Int32Array(perTask);
  for (let t = 0; t < tasks; t++) {
    const right = pick(labels);
    truth[t] = right;
    if (t % 100 === 0) {
      gold[t] = right;
      goldTasks++;
    }
    for (let j = 0; j < perTask; j++) {
      let w = pick(workers);
      while (chosen.subarray(0, j).includes(w)) w = pick(workers);
      chosen[j] = w;
      const i = t * perTask + j;
      task[i] = t;
      worker[i] = w;
      const kind = w % 5;
      if (kind === 3) label[i] = right === 0 && random() < 0.7 ? 1 : right;
      else if (kind === 4) label[i] = pick(labels);
      else label[i] = random() < 0.8 ? right : (right + 1 + pick(labels - 1)) % labels;
    }
  }
  return {
    answers: {
      taskCount: tasks,
      workerCount: workers,
      labelCount: labels,
      task,
      worker,
      label,
      gold,
    },
    truth,
    goldTasks,
  };
}
