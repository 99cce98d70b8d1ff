import { describe, expect, it } from 'vitest';
import type { WorkerQuality } from '../../../../shared/api/aggregates.js';
import { sortWorkers } from './QualityTab.js';

const worker = (id: string, over: Partial<WorkerQuality>): WorkerQuality => ({
  workerId: id,
  handle: id,
  displayName: id,
  submitted: 1,
  approved: 0,
  rejected: 0,
  goldAnswered: 0,
  goldCorrect: 0,
  agreementPercent: null,
  estimatedAccuracy: null,
  medianWorkSeconds: null,
  latestAssignmentId: `${id}-a`,
  ...over,
});

describe('sortWorkers', () => {
  const a = worker('ann', { estimatedAccuracy: 0.9, goldAnswered: 4, goldCorrect: 1 });
  const b = worker('bob', { estimatedAccuracy: 0.5, goldAnswered: 2, goldCorrect: 2 });
  const c = worker('cy', {});

  it('sorts either way and keeps workers without a value last', () => {
    const ids = (list: WorkerQuality[]) => list.map((w) => w.workerId);
    expect(ids(sortWorkers([c, b, a], 'estimatedAccuracy', true))).toEqual(['ann', 'bob', 'cy']);
    expect(ids(sortWorkers([c, a, b], 'estimatedAccuracy', false))).toEqual(['bob', 'ann', 'cy']);
  });

  it('sorts gold by the share answered right, not the count', () => {
    const ids = sortWorkers([a, b, c], 'goldAccuracy', false).map((w) => w.workerId);
    expect(ids).toEqual(['ann', 'bob', 'cy']);
  });
});
