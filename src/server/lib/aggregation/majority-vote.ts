import {
  countVotes,
  goldAccuracy,
  NO_GOLD,
  type CrowdAnswers,
  type TaskAggregates,
} from './crowd-answers.js';

/**
 * Majority vote per task. A tie is broken by the summed gold accuracy of the workers behind each
 * tied label (a label chosen by workers with a better gold record wins), then by the lower label
 * index so the result never depends on answer order. Confidence is the winning label's share of
 * the votes. A gold task's answer is its known truth, with confidence 1.
 */
export function majorityVote(answers: CrowdAnswers): TaskAggregates {
  const { taskCount, labelCount, task, worker, label, gold } = answers;
  const votes = countVotes(answers);
  const accuracy = goldAccuracy(answers);
  const weight = new Float64Array(taskCount * labelCount);
  for (let i = 0; i < task.length; i++) {
    weight[task[i]! * labelCount + label[i]!]! += accuracy[worker[i]!]!;
  }

  const answer = new Int32Array(taskCount).fill(-1);
  const confidence = new Float64Array(taskCount);
  for (let t = 0; t < taskCount; t++) {
    const row = t * labelCount;
    let best = -1;
    let total = 0;
    for (let l = 0; l < labelCount; l++) {
      const count = votes[row + l]!;
      total += count;
      if (count === 0) continue;
      const bestCount = best < 0 ? 0 : votes[row + best]!;
      if (count > bestCount || (count === bestCount && weight[row + l]! > weight[row + best]!))
        best = l;
    }
    if (gold[t] !== NO_GOLD) {
      answer[t] = gold[t]!;
      confidence[t] = 1;
    } else if (best >= 0) {
      answer[t] = best;
      confidence[t] = votes[row + best]! / total;
    }
  }
  return { answer, confidence, votes };
}
