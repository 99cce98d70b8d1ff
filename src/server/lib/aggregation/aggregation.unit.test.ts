import { describe, expect, it } from 'vitest';
import { crowdAnswersOf } from './crowd-answers.js';
import { dawidSkene } from './dawid-skene.js';
import { majorityVote } from './majority-vote.js';

describe('majorityVote', () => {
  // Task 2 is gold (truth 1): worker 0 got it right, worker 1 wrong, so by gold worker 0 is the
  // better one (smoothed accuracies 2/3 and 1/3).
  const answers = crowdAnswersOf({
    taskCount: 4,
    workerCount: 3,
    labelCount: 2,
    answers: [
      [0, 0, 0],
      [0, 1, 0],
      [0, 2, 1],
      [1, 0, 1],
      [1, 1, 0],
      [2, 0, 1],
      [2, 1, 0],
    ],
    gold: new Map([[2, 1]]),
  });
  const result = majorityVote(answers);

  it('chooses the most chosen label with its share of the votes as confidence', () => {
    expect(result.answer[0]).toBe(0);
    expect(result.confidence[0]).toBeCloseTo(2 / 3, 12);
    expect([...result.votes.subarray(0, 2)]).toEqual([2, 1]);
  });

  it('breaks a tie in favour of the worker with the better gold record, not the lower label', () => {
    expect(result.answer[1]).toBe(1);
    expect(result.confidence[1]).toBe(0.5);
  });

  it('answers a gold task with its truth and full confidence, whatever the votes', () => {
    expect(result.answer[2]).toBe(1);
    expect(result.confidence[2]).toBe(1);
    expect([...result.votes.subarray(4, 6)]).toEqual([1, 1]);
  });

  it('leaves a task nobody answered without an answer', () => {
    expect(result.answer[3]).toBe(-1);
    expect(result.confidence[3]).toBe(0);
  });

  it('breaks a tie between equally trusted workers by the lower label, whatever the order', () => {
    const forward = crowdAnswersOf({
      taskCount: 1,
      workerCount: 2,
      labelCount: 3,
      answers: [
        [0, 0, 2],
        [0, 1, 1],
      ],
    });
    const backward = crowdAnswersOf({
      taskCount: 1,
      workerCount: 2,
      labelCount: 3,
      answers: [
        [0, 1, 1],
        [0, 0, 2],
      ],
    });
    expect(majorityVote(forward).answer[0]).toBe(1);
    expect(majorityVote(backward).answer[0]).toBe(1);
  });

  it('refuses an answer whose label is outside the item', () => {
    expect(() =>
      crowdAnswersOf({ taskCount: 1, workerCount: 1, labelCount: 2, answers: [[0, 0, 2]] }),
    ).toThrow(/label out of range/);
  });
});

describe('dawidSkene', () => {
  // Worked by hand: two workers, two labels, confusion prior 2 (right) / 1 (wrong), class prior 1.
  // Start: task 0 = [1, 0] (both said 0), task 1 = [1/2, 1/2] (split).
  // M-step: worker 0 = [[2/3, 1/3], [2/7, 5/7]], worker 1 = [[7/9, 2/9], [3/7, 4/7]],
  //         class priors [5/8, 3/8].
  // E-step: task 1 ∝ [5/8 · 1/3 · 7/9, 3/8 · 5/7 · 3/7] → 0 with 343/586;
  //         task 0 ∝ [5/8 · 2/3 · 7/9, 3/8 · 2/7 · 3/7] → 0 with 1715/1958.
  const twoWorkers = crowdAnswersOf({
    taskCount: 2,
    workerCount: 2,
    labelCount: 2,
    answers: [
      [0, 0, 0],
      [0, 1, 0],
      [1, 0, 1],
      [1, 1, 0],
    ],
  });

  it('matches one EM step worked by hand', () => {
    const result = dawidSkene(twoWorkers, { maxIterations: 1 });
    expect([...result.classPriors]).toEqual([5 / 8, 3 / 8].map((p) => expect.closeTo(p, 12)));
    expect([...result.confusion]).toEqual(
      [2 / 3, 1 / 3, 2 / 7, 5 / 7, 7 / 9, 2 / 9, 3 / 7, 4 / 7].map((p) => expect.closeTo(p, 12)),
    );
    expect(result.answer[1]).toBe(0);
    expect(result.confidence[1]).toBeCloseTo(343 / 586, 12);
    expect(result.confidence[0]).toBeCloseTo(1715 / 1958, 12);
    expect(result.iterations).toBe(1);
    expect(result.converged).toBe(false);
  });

  it('converges to posteriors that sum to one per task', () => {
    const result = dawidSkene(twoWorkers);
    expect(result.converged).toBe(true);
    for (let t = 0; t < 2; t++) {
      expect(result.posterior[2 * t]! + result.posterior[2 * t + 1]!).toBeCloseTo(1, 12);
    }
  });

  it('keeps a gold task at its truth and learns from it who is wrong', () => {
    // Worker 2 contradicts the truth on both gold tasks, so its vote loses the tie on task 2.
    const answers = crowdAnswersOf({
      taskCount: 3,
      workerCount: 3,
      labelCount: 2,
      answers: [
        [0, 0, 1],
        [0, 1, 1],
        [0, 2, 0],
        [1, 0, 0],
        [1, 1, 0],
        [1, 2, 1],
        [2, 0, 1],
        [2, 2, 0],
      ],
      gold: new Map([
        [0, 1],
        [1, 0],
      ]),
    });
    const result = dawidSkene(answers);
    expect([...result.posterior.subarray(0, 4)]).toEqual([0, 1, 1, 0]);
    expect(result.answer[2]).toBe(1);
    expect(result.workerAccuracy[2]!).toBeLessThan(0.5);
    expect(result.workerAccuracy[0]!).toBeGreaterThan(0.5);
  });

  it('trusts a worker with one answer less than one with a long matching record', () => {
    const rows: [number, number, number][] = [];
    for (let t = 0; t < 20; t++) {
      const truth = t % 2;
      rows.push([t, 0, truth], [t, 1, truth], [t, 2, truth]);
    }
    rows.push([20, 3, 0], [20, 0, 0], [20, 1, 0]);
    const result = dawidSkene(
      crowdAnswersOf({ taskCount: 21, workerCount: 4, labelCount: 2, answers: rows }),
    );
    expect(result.workerAccuracy[3]!).toBeLessThan(result.workerAccuracy[0]! - 0.1);
    expect(result.workerAccuracy[0]!).toBeGreaterThan(0.85);
  });

  it('leaves a task nobody answered without an answer', () => {
    const result = dawidSkene(
      crowdAnswersOf({ taskCount: 2, workerCount: 1, labelCount: 2, answers: [[0, 0, 1]] }),
    );
    expect(result.answer[1]).toBe(-1);
    expect(result.confidence[1]).toBe(0);
  });
});
