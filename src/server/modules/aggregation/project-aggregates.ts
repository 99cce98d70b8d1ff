import type { AggregationMethod } from '../../../shared/api/aggregates.js';
import type { ChoiceQuestion } from '../../../shared/templates/index.js';
import {
  NO_GOLD,
  type CrowdAnswers,
  type TaskAggregates,
} from '../../lib/aggregation/crowd-answers.js';
import { dawidSkene } from '../../lib/aggregation/dawid-skene.js';
import { majorityVote } from '../../lib/aggregation/majority-vote.js';

/** One handed-in assignment, as the aggregation reads it. */
export type WorkAnswers = {
  taskId: string;
  taskSeq: number;
  workerId: string;
  answers: Record<string, unknown>;
};

/** Known answers of gold tasks by task id, in the shape of a worker's answers. */
export type GoldTruths = ReadonlyMap<string, Record<string, unknown>>;

export type AggregateRow = {
  taskId: string;
  item: string;
  method: AggregationMethod;
  /** Task seq × 65,536 + the question's place: the list's keyset order. */
  position: number;
  answer: string | null;
  confidence: number;
  votes: Record<string, number>;
};

export type WorkerEstimate = {
  workerId: string;
  agreementPercent: number | null;
  estimatedAccuracy: number | null;
  goldAnswered: number;
  goldCorrect: number;
};

export const POSITIONS_PER_TASK = 65_536;

/** Dense indices for ids, in first-seen order. */
function indexer() {
  const index = new Map<string, number>();
  return {
    index,
    of(id: string): number {
      let i = index.get(id);
      if (i === undefined) index.set(id, (i = index.size));
      return i;
    },
  };
}

function rowsOf(
  method: AggregationMethod,
  question: ChoiceQuestion,
  place: number,
  tasks: { id: string; seq: number }[],
  result: TaskAggregates,
): AggregateRow[] {
  const k = question.labels.length;
  return tasks.map((task, t) => {
    const votes: Record<string, number> = {};
    for (let l = 0; l < k; l++) {
      const count = result.votes[t * k + l]!;
      if (count > 0) votes[question.labels[l]!] = count;
    }
    const answer = result.answer[t]!;
    return {
      taskId: task.id,
      item: question.key,
      method,
      position: task.seq * POSITIONS_PER_TASK + place,
      answer: answer < 0 ? null : question.labels[answer]!,
      confidence: result.confidence[t]!,
      votes,
    };
  });
}

/**
 * Aggregates every choice-like question of a project by both methods, and estimates each worker:
 * Dawid-Skene's accuracy (averaged over questions, weighted by how many the worker answered),
 * agreement with the Dawid-Skene answer, and gold answered / correct (a gold task counts as
 * correct when every known answer it has among the questions was matched).
 */
export function aggregateProject(
  questions: readonly ChoiceQuestion[],
  work: readonly WorkAnswers[],
  gold: GoldTruths,
): { rows: AggregateRow[]; workers: WorkerEstimate[] } {
  const workers = indexer();
  for (const w of work) workers.of(w.workerId);
  const workerCount = workers.index.size;
  const accuracyWeight = new Float64Array(workerCount);
  const answered = new Float64Array(workerCount);
  const agreed = new Float64Array(workerCount);
  const goldWrong = new Set<string>();
  const rows: AggregateRow[] = [];

  questions.forEach((question, place) => {
    const tasks = indexer();
    const taskList: { id: string; seq: number }[] = [];
    const triples: [number, number, number][] = [];
    for (const w of work) {
      const label = question.labelOf(w.answers);
      if (label < 0) continue;
      const before = tasks.index.size;
      const t = tasks.of(w.taskId);
      if (t === before) taskList.push({ id: w.taskId, seq: w.taskSeq });
      triples.push([t, workers.of(w.workerId), label]);
    }
    if (triples.length === 0) return;
    const goldLabels = new Int32Array(taskList.length).fill(NO_GOLD);
    taskList.forEach((task, t) => {
      const truth = gold.get(task.id);
      if (truth) goldLabels[t] = Math.max(NO_GOLD, question.labelOf(truth));
    });
    const columns: CrowdAnswers = {
      taskCount: taskList.length,
      workerCount,
      labelCount: question.labels.length,
      task: Int32Array.from(triples, (x) => x[0]),
      worker: Int32Array.from(triples, (x) => x[1]),
      label: Int32Array.from(triples, (x) => x[2]),
      gold: goldLabels,
    };
    const majority = majorityVote(columns);
    const ds = dawidSkene(columns);
    rows.push(...rowsOf('dawid_skene', question, place, taskList, ds));
    rows.push(...rowsOf('majority', question, place, taskList, majority));

    for (const [t, w, label] of triples) {
      answered[w]!++;
      if (ds.answer[t] === label) agreed[w]!++;
      const truth = goldLabels[t]!;
      if (truth !== NO_GOLD && truth !== label) goldWrong.add(`${w}:${taskList[t]!.id}`);
    }
    const perWorker = new Float64Array(workerCount);
    for (const [, w] of triples) perWorker[w]!++;
    for (let w = 0; w < workerCount; w++)
      accuracyWeight[w]! += perWorker[w]! * ds.workerAccuracy[w]!;
  });

  const goldAnswered = new Float64Array(workerCount);
  const goldCorrect = new Float64Array(workerCount);
  const seen = new Set<string>();
  for (const w of work) {
    const i = workers.of(w.workerId);
    const key = `${i}:${w.taskId}`;
    if (!gold.has(w.taskId) || seen.has(key)) continue;
    seen.add(key);
    goldAnswered[i]!++;
    if (!goldWrong.has(key)) goldCorrect[i]!++;
  }

  const estimates = [...workers.index].map(([workerId, w]) => ({
    workerId,
    agreementPercent: answered[w]! > 0 ? (100 * agreed[w]!) / answered[w]! : null,
    estimatedAccuracy: answered[w]! > 0 ? accuracyWeight[w]! / answered[w]! : null,
    goldAnswered: goldAnswered[w]!,
    goldCorrect: goldCorrect[w]!,
  }));
  return { rows, workers: estimates };
}
