/*
 * The input of both aggregation methods, for one choice-like item of one project: every answer as
 * three parallel integer columns (task, worker, label), so that the hot loops of 100,000 tasks ×
 * 5 answers walk flat typed arrays and never allocate an object per answer. Tasks, workers and
 * labels are dense indices; the caller keeps the maps back to ids and option values.
 */

/** No known truth for a task (it is not gold, or gold does not answer this item). */
export const NO_GOLD = -1;

export type CrowdAnswers = {
  taskCount: number;
  workerCount: number;
  labelCount: number;
  /** Per answer: the task index, the worker index and the chosen label. */
  task: Int32Array;
  worker: Int32Array;
  label: Int32Array;
  /** Per task: the known true label of a gold task, or NO_GOLD. */
  gold: Int32Array;
};

/** What both methods answer per task: the chosen label and its confidence in [0, 1]. */
export type TaskAggregates = {
  /** Per task: the chosen label, or -1 when the task has no answer and no gold. */
  answer: Int32Array;
  confidence: Float64Array;
  /** Per task × label (row-major, `labelCount` per task): how many workers chose the label. */
  votes: Int32Array;
};

/** Builds the columns from (task, worker, label) triples; for tests and small callers. */
export function crowdAnswersOf(input: {
  taskCount: number;
  workerCount: number;
  labelCount: number;
  answers: readonly (readonly [task: number, worker: number, label: number])[];
  gold?: ReadonlyMap<number, number>;
}): CrowdAnswers {
  const n = input.answers.length;
  const task = new Int32Array(n);
  const worker = new Int32Array(n);
  const label = new Int32Array(n);
  input.answers.forEach(([t, w, l], i) => {
    task[i] = t;
    worker[i] = w;
    label[i] = l;
  });
  const gold = new Int32Array(input.taskCount).fill(NO_GOLD);
  for (const [t, l] of input.gold ?? []) gold[t] = l;
  const answers = { ...input, task, worker, label, gold };
  assertWellFormed(answers);
  return answers;
}

/** Indices out of range would silently corrupt the typed arrays, so they are refused loudly. */
export function assertWellFormed(answers: CrowdAnswers): void {
  const { task, worker, label, gold, taskCount, workerCount, labelCount } = answers;
  if (task.length !== worker.length || task.length !== label.length)
    throw new RangeError('task, worker and label columns differ in length');
  if (gold.length !== taskCount) throw new RangeError('gold must hold one entry per task');
  for (let i = 0; i < task.length; i++) {
    if (task[i]! < 0 || task[i]! >= taskCount)
      throw new RangeError(`answer ${i}: task out of range`);
    if (worker[i]! < 0 || worker[i]! >= workerCount)
      throw new RangeError(`answer ${i}: worker out of range`);
    if (label[i]! < 0 || label[i]! >= labelCount)
      throw new RangeError(`answer ${i}: label out of range`);
  }
  for (let t = 0; t < taskCount; t++) {
    if (gold[t]! !== NO_GOLD && (gold[t]! < 0 || gold[t]! >= labelCount))
      throw new RangeError(`task ${t}: gold label out of range`);
  }
}

/** Per task × label vote counts (row-major). */
export function countVotes(answers: CrowdAnswers): Int32Array {
  const { task, label, labelCount } = answers;
  const votes = new Int32Array(answers.taskCount * labelCount);
  for (let i = 0; i < task.length; i++) votes[task[i]! * labelCount + label[i]!]!++;
  return votes;
}

/**
 * Each worker's accuracy on gold, smoothed toward one half by one correct and one wrong
 * pseudo-answer so that a single lucky gold answer does not outweigh a long record.
 */
export function goldAccuracy(answers: CrowdAnswers): Float64Array {
  const answered = new Float64Array(answers.workerCount);
  const correct = new Float64Array(answers.workerCount);
  const { task, worker, label, gold } = answers;
  for (let i = 0; i < task.length; i++) {
    const truth = gold[task[i]!]!;
    if (truth === NO_GOLD) continue;
    answered[worker[i]!]!++;
    if (label[i] === truth) correct[worker[i]!]!++;
  }
  const accuracy = new Float64Array(answers.workerCount);
  for (let w = 0; w < accuracy.length; w++) accuracy[w] = (correct[w]! + 1) / (answered[w]! + 2);
  return accuracy;
}
