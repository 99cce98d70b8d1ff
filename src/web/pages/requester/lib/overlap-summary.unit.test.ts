import { describe, expect, it } from 'vitest';
import { ordinal, overlapSummary, workersPerTask } from './overlap-summary.js';

const overlap = { min: 3, max: 5, agreementPercent: 70 };

describe('adaptive overlap summary', () => {
  it('says how many tasks needed each extra answer and why', () => {
    expect(
      overlapSummary({
        overlap,
        progress: {
          overlap: {
            extraAssignments: 15,
            tasksNeeding: [
              { answers: 4, tasks: 12 },
              { answers: 5, tasks: 3 },
            ],
          },
        },
      }),
    ).toBe('12 tasks needed a 4th answer, 3 a 5th: agreement below 70 % (15 extra assignments).');
    expect(
      overlapSummary({
        overlap: { min: 1, max: 2, agreementPercent: 100 },
        progress: { overlap: { extraAssignments: 1, tasksNeeding: [{ answers: 2, tasks: 1 }] } },
      }),
    ).toBe('1 task needed a 2nd answer: agreement below 100 % (1 extra assignment).');
  });

  it('says when nothing extra was needed, and nothing without overlap', () => {
    expect(
      overlapSummary({ overlap, progress: { overlap: { extraAssignments: 0, tasksNeeding: [] } } }),
    ).toBe(
      'No task has needed more than 3 answers yet (more open, up to 5, when agreement below 70 %).',
    );
    expect(overlapSummary({ overlap: null, progress: { overlap: null } })).toBeNull();
  });

  it('writes ordinals', () => {
    expect([1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 101, 111].map(ordinal)).toEqual([
      '1st',
      '2nd',
      '3rd',
      '4th',
      '11th',
      '12th',
      '13th',
      '21st',
      '22nd',
      '23rd',
      '101st',
      '111th',
    ]);
  });

  it('shows the range of workers per task', () => {
    expect(workersPerTask({ assignmentsPerTask: 3, overlap })).toBe('× 3–5 workers');
    expect(workersPerTask({ assignmentsPerTask: 1, overlap: null })).toBe('× 1 worker');
    expect(
      workersPerTask({ assignmentsPerTask: 2, overlap: { min: 2, max: 2, agreementPercent: 50 } }),
    ).toBe('× 2 workers');
  });
});
