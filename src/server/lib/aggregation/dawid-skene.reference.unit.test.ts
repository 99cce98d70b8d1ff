import { describe, expect, it } from 'vitest';
import { crowdAnswersOf, type CrowdAnswers } from './crowd-answers.js';
import { dawidSkene } from './dawid-skene.js';
import { majorityVote } from './majority-vote.js';

/*
 * Dawid-Skene checked against a second, deliberately plain implementation: answers as objects,
 * probabilities multiplied directly (no logarithms), matrices as nested arrays, the textbook
 * formulas written out. Both share only the model (the same Dirichlet pseudo-counts), so a slip
 * in the typed-array indexing of the real one shows up as a different posterior.
 */

type Answer = { task: number; worker: number; label: number };

function referenceDawidSkene(
  answers: Answer[],
  sizes: { tasks: number; workers: number; labels: number },
  gold: Map<number, number>,
): { posterior: number[][]; accuracy: number[] } {
  const { tasks, workers, labels } = sizes;
  const byTask: Answer[][] = Array.from({ length: tasks }, () => []);
  for (const a of answers) byTask[a.task]!.push(a);
  const oneHot = (l: number) => Array.from({ length: labels }, (_, j) => (j === l ? 1 : 0));

  let posterior = byTask.map((list, t) => {
    const truth = gold.get(t);
    if (truth !== undefined) return oneHot(truth);
    const shares = new Array<number>(labels).fill(0);
    for (const a of list) shares[a.label]! += 1 / list.length;
    return shares;
  });
  let pi: number[][][] = [];
  let prior: number[] = [];
  for (let iteration = 0; iteration < 500; iteration++) {
    pi = Array.from({ length: workers }, () =>
      Array.from({ length: labels }, (_, k) =>
        Array.from({ length: labels }, (_, l) => (k === l ? 2 : 1)),
      ),
    );
    for (const a of answers)
      for (let k = 0; k < labels; k++) pi[a.worker]![k]![a.label]! += posterior[a.task]![k]!;
    pi = pi.map((matrix) =>
      matrix.map((row) => row.map((c) => c / row.reduce((s, x) => s + x, 0))),
    );
    prior = Array.from(
      { length: labels },
      (_, k) => (1 + posterior.reduce((s, p) => s + p[k]!, 0)) / (tasks + labels),
    );
    const next = byTask.map((list, t) => {
      const truth = gold.get(t);
      if (truth !== undefined) return oneHot(truth);
      const joint = prior.map((p, k) => list.reduce((q, a) => q * pi[a.worker]![k]![a.label]!, p));
      const total = joint.reduce((s, x) => s + x, 0);
      return joint.map((x) => x / total);
    });
    const change = Math.max(
      ...next.flatMap((p, t) => p.map((x, k) => Math.abs(x - posterior[t]![k]!))),
    );
    posterior = next;
    if (change < 1e-10) break;
  }
  const accuracy = pi.map((matrix) => matrix.reduce((s, row, k) => s + prior[k]! * row[k]!, 0));
  return { posterior, accuracy };
}

/** Mulberry32: a small seeded generator, so every run simulates the same crowd. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let x = Math.imul(state ^ (state >>> 15), state | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

type WorkerKind = 'good' | 'biased' | 'random';

/**
 * A simulated crowd: each task has a true label drawn uniformly and is answered by `perTask`
 * distinct workers. A good worker is right 80 % of the time (otherwise a uniformly wrong label);
 * a biased one is right on labels above 0 but calls most 0s a 1; a random one ignores the task.
 */
function simulate(seed: number, kinds: WorkerKind[], tasks: number, labels = 3, perTask = 5) {
  const random = seeded(seed);
  const pick = (n: number) => Math.floor(random() * n);
  const truth = Array.from({ length: tasks }, () => pick(labels));
  const answers: Answer[] = [];
  for (let task = 0; task < tasks; task++) {
    const chosen = new Set<number>();
    while (chosen.size < perTask) chosen.add(pick(kinds.length));
    for (const worker of chosen) {
      const t = truth[task]!;
      const wrong = () => (t + 1 + pick(labels - 1)) % labels;
      const kind = kinds[worker]!;
      const label =
        kind === 'random'
          ? pick(labels)
          : kind === 'biased'
            ? t === 0 && random() < 0.7
              ? 1
              : t
            : random() < 0.8
              ? t
              : wrong();
      answers.push({ task, worker, label });
    }
  }
  return { truth, answers, labels };
}

function asColumns(
  crowd: ReturnType<typeof simulate>,
  workers: number,
  gold = new Map<number, number>(),
): CrowdAnswers {
  return crowdAnswersOf({
    taskCount: crowd.truth.length,
    workerCount: workers,
    labelCount: crowd.labels,
    answers: crowd.answers.map((a) => [a.task, a.worker, a.label] as const),
    gold,
  });
}

const accuracyOf = (answer: Int32Array, truth: number[]) =>
  truth.filter((t, i) => answer[i] === t).length / truth.length;

const crowdOf = (good: number, biased: number, random: number): WorkerKind[] => [
  ...new Array<WorkerKind>(good).fill('good'),
  ...new Array<WorkerKind>(biased).fill('biased'),
  ...new Array<WorkerKind>(random).fill('random'),
];

describe('dawidSkene against a plain reference implementation', () => {
  it('gives the same posteriors and worker accuracies on a simulated mixed crowd with gold', () => {
    const kinds = crowdOf(6, 2, 2);
    const crowd = simulate(7, kinds, 200);
    const gold = new Map(crowd.truth.slice(0, 10).map((t, i) => [i, t]));
    const fast = dawidSkene(asColumns(crowd, kinds.length, gold), {
      tolerance: 1e-10,
      maxIterations: 500,
    });
    const reference = referenceDawidSkene(
      crowd.answers,
      { tasks: 200, workers: kinds.length, labels: 3 },
      gold,
    );
    expect(fast.converged).toBe(true);
    reference.posterior.forEach((p, t) =>
      p.forEach((x, k) => expect(fast.posterior[t * 3 + k]).toBeCloseTo(x, 6)),
    );
    reference.accuracy.forEach((a, w) => expect(fast.workerAccuracy[w]).toBeCloseTo(a, 6));
  });

  it.each([11, 12, 13])(
    'recovers the truth at least as well as majority vote (seed %i)',
    (seed) => {
      const kinds = crowdOf(7, 3, 0);
      const crowd = simulate(seed, kinds, 600);
      const columns = asColumns(crowd, kinds.length);
      expect(accuracyOf(dawidSkene(columns).answer, crowd.truth)).toBeGreaterThanOrEqual(
        accuracyOf(majorityVote(columns).answer, crowd.truth),
      );
    },
  );

  it.each([21, 22, 23])(
    'recovers the truth better than majority vote when a fifth answer at random (seed %i)',
    (seed) => {
      const kinds = crowdOf(6, 2, 2);
      const crowd = simulate(seed, kinds, 600);
      const columns = asColumns(crowd, kinds.length);
      const ds = accuracyOf(dawidSkene(columns).answer, crowd.truth);
      const majority = accuracyOf(majorityVote(columns).answer, crowd.truth);
      expect(ds).toBeGreaterThan(majority);
      // The random workers are found out: their estimated accuracy is near chance (1/3).
      const estimated = dawidSkene(columns).workerAccuracy;
      expect(Math.max(estimated[8]!, estimated[9]!)).toBeLessThan(
        Math.min(...estimated.slice(0, 6)),
      );
    },
  );
});
