import { countVotes, NO_GOLD, type CrowdAnswers, type TaskAggregates } from './crowd-answers.js';

export type DawidSkeneOptions = {
  /** Stop once no task's posterior moves by more than this in one iteration. */
  tolerance: number;
  maxIterations: number;
  /**
   * Dirichlet pseudo-counts added to every row of every worker's confusion matrix: `correct` on
   * the diagonal, `wrong` elsewhere. They pull a worker with few answers toward a middling
   * accuracy (2 and 1 give 1/2 with three labels), so that three lucky answers do not make a
   * worker's vote decisive; a long record outweighs them.
   */
  confusionPrior: { correct: number; wrong: number };
  /** Dirichlet pseudo-count per label for the class priors, so no label's prior reaches zero. */
  classPrior: number;
};

export const DAWID_SKENE_DEFAULTS: DawidSkeneOptions = {
  tolerance: 1e-6,
  maxIterations: 100,
  confusionPrior: { correct: 2, wrong: 1 },
  classPrior: 1,
};

export type DawidSkeneResult = TaskAggregates & {
  /** Per task × label (row-major): the posterior probability that the label is the truth. */
  posterior: Float64Array;
  /** Per worker × true label × given label (row-major): P(given | true). */
  confusion: Float64Array;
  classPriors: Float64Array;
  /** Per worker: the probability of answering right, Σ_k prior(k) · P(k | k). */
  workerAccuracy: Float64Array;
  iterations: number;
  converged: boolean;
};

/**
 * Dawid & Skene (1979): expectation-maximisation over one confusion matrix per worker and the
 * class priors, with Dirichlet smoothing (a maximum a posteriori estimate). Gold tasks are
 * observed truth: their posterior is clamped to the known label, so they teach the confusion
 * matrices without being re-estimated. EM starts from the vote shares.
 */
export function dawidSkene(
  answers: CrowdAnswers,
  options: Partial<DawidSkeneOptions> = {},
): DawidSkeneResult {
  const settings = { ...DAWID_SKENE_DEFAULTS, ...options };
  const {
    taskCount: tasks,
    labelCount: k,
    workerCount: workers,
    task,
    worker,
    label,
    gold,
  } = answers;
  const votes = countVotes(answers);
  const observed = observedTasks(answers, votes);
  const posterior = initialPosterior(answers, votes, observed);
  const confusion = new Float64Array(workers * k * k);
  const logConfusion = new Float64Array(workers * k * k);
  const classPriors = new Float64Array(k);
  const logPosterior = new Float64Array(k);
  const logLikelihood = new Float64Array(tasks * k);

  let iterations = 0;
  let converged = false;
  while (iterations < settings.maxIterations && !converged) {
    iterations++;
    estimateConfusion(answers, posterior, settings.confusionPrior, confusion, logConfusion);
    estimateClassPriors(posterior, observed, k, settings.classPrior, classPriors);

    const logPriors = classPriors.map(Math.log);
    for (let t = 0; t < tasks; t++) logLikelihood.set(logPriors, t * k);
    for (let i = 0; i < task.length; i++) {
      const row = task[i]! * k;
      const base = worker[i]! * k * k + label[i]!;
      for (let truth = 0; truth < k; truth++)
        logLikelihood[row + truth]! += logConfusion[base + truth * k]!;
    }

    let largestChange = 0;
    for (let t = 0; t < tasks; t++) {
      if (!observed[t] || gold[t] !== NO_GOLD) continue;
      const row = t * k;
      let max = -Infinity;
      for (let l = 0; l < k; l++) max = Math.max(max, logLikelihood[row + l]!);
      let sum = 0;
      for (let l = 0; l < k; l++) {
        logPosterior[l] = Math.exp(logLikelihood[row + l]! - max);
        sum += logPosterior[l]!;
      }
      for (let l = 0; l < k; l++) {
        const next = logPosterior[l]! / sum;
        largestChange = Math.max(largestChange, Math.abs(next - posterior[row + l]!));
        posterior[row + l] = next;
      }
    }
    converged = largestChange < settings.tolerance;
  }

  const answer = new Int32Array(tasks).fill(-1);
  const confidence = new Float64Array(tasks);
  for (let t = 0; t < tasks; t++) {
    if (!observed[t]) continue;
    let best = 0;
    for (let l = 1; l < k; l++) if (posterior[t * k + l]! > posterior[t * k + best]!) best = l;
    answer[t] = best;
    confidence[t] = posterior[t * k + best]!;
  }
  const workerAccuracy = new Float64Array(workers);
  for (let w = 0; w < workers; w++) {
    for (let l = 0; l < k; l++)
      workerAccuracy[w]! += classPriors[l]! * confusion[w * k * k + l * k + l]!;
  }
  return {
    answer,
    confidence,
    votes,
    posterior,
    confusion,
    classPriors,
    workerAccuracy,
    iterations,
    converged,
  };
}

/** A task takes part when someone answered it or its truth is known. */
function observedTasks(answers: CrowdAnswers, votes: Int32Array): Uint8Array {
  const { taskCount, labelCount: k, gold } = answers;
  const observed = new Uint8Array(taskCount);
  for (let t = 0; t < taskCount; t++) {
    if (gold[t] !== NO_GOLD) observed[t] = 1;
    for (let l = 0; l < k && !observed[t]; l++) if (votes[t * k + l]! > 0) observed[t] = 1;
  }
  return observed;
}

/** Vote shares for answered tasks, one-hot for gold, nothing for tasks nobody answered. */
function initialPosterior(
  answers: CrowdAnswers,
  votes: Int32Array,
  observed: Uint8Array,
): Float64Array {
  const { taskCount, labelCount: k, gold } = answers;
  const posterior = new Float64Array(taskCount * k);
  for (let t = 0; t < taskCount; t++) {
    if (!observed[t]) continue;
    if (gold[t] !== NO_GOLD) {
      posterior[t * k + gold[t]!] = 1;
      continue;
    }
    let total = 0;
    for (let l = 0; l < k; l++) total += votes[t * k + l]!;
    for (let l = 0; l < k; l++) posterior[t * k + l] = votes[t * k + l]! / total;
  }
  return posterior;
}

/** M-step for the workers: expected (true, given) counts plus the Dirichlet pseudo-counts. */
function estimateConfusion(
  answers: CrowdAnswers,
  posterior: Float64Array,
  prior: DawidSkeneOptions['confusionPrior'],
  confusion: Float64Array,
  logConfusion: Float64Array,
): void {
  const { labelCount: k, workerCount: workers, task, worker, label } = answers;
  for (let w = 0; w < workers; w++) {
    for (let truth = 0; truth < k; truth++) {
      for (let given = 0; given < k; given++)
        confusion[w * k * k + truth * k + given] = truth === given ? prior.correct : prior.wrong;
    }
  }
  for (let i = 0; i < task.length; i++) {
    const row = task[i]! * k;
    const base = worker[i]! * k * k + label[i]!;
    for (let truth = 0; truth < k; truth++) confusion[base + truth * k]! += posterior[row + truth]!;
  }
  for (let r = 0; r < workers * k; r++) {
    let sum = 0;
    for (let given = 0; given < k; given++) sum += confusion[r * k + given]!;
    for (let given = 0; given < k; given++) {
      const p = confusion[r * k + given]! / sum;
      confusion[r * k + given] = p;
      logConfusion[r * k + given] = Math.log(p);
    }
  }
}

function estimateClassPriors(
  posterior: Float64Array,
  observed: Uint8Array,
  k: number,
  pseudoCount: number,
  classPriors: Float64Array,
): void {
  classPriors.fill(pseudoCount);
  let total = pseudoCount * k;
  for (let t = 0; t < observed.length; t++) {
    if (!observed[t]) continue;
    total++;
    for (let l = 0; l < k; l++) classPriors[l]! += posterior[t * k + l]!;
  }
  for (let l = 0; l < k; l++) classPriors[l]! /= total;
}
