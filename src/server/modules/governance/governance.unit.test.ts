import { describe, expect, it } from 'vitest';
import { ruleValueProblem } from '../../../shared/api/governance.js';
import { passes } from './governance.service.js';

const t = (yes: number, no: number) => ({ yes, no });

describe('two houses', () => {
  it('pass a change only with a majority of the voting workers and of the voting requesters', () => {
    expect(passes({ workers: t(1, 0), requesters: t(2, 1) })).toBe(true);
    expect(passes({ workers: t(1, 1), requesters: t(2, 1) })).toBe(false);
    expect(passes({ workers: t(5, 0), requesters: t(0, 1) })).toBe(false);
    // A house where nobody voted has no majority.
    expect(passes({ workers: t(3, 0), requesters: t(0, 0) })).toBe(false);
  });
});

describe('rule values', () => {
  it('are checked against each rule’s range and kind', () => {
    expect(ruleValueProblem('minHourlyCents', 725)).toBeNull();
    expect(ruleValueProblem('minHourlyCents', 7.5)).toContain('whole');
    expect(ruleValueProblem('appealDays', 0.5)).toBeNull();
    expect(ruleValueProblem('appealDays', 0)).toContain('between');
    expect(ruleValueProblem('flagRejectionPercent', 101)).toContain('between');
    expect(ruleValueProblem('maxAutoApproveSeconds', 86_400)).toContain('between');
  });
});
