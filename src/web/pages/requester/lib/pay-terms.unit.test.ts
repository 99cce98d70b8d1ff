import { describe, expect, it } from 'vitest';
import { checkPayTerms, payFloorMessage } from './pay-terms.js';

describe('checkPayTerms', () => {
  it('pays by the estimate, and names the smallest reward under the floor', () => {
    // 10 cents for 2 minutes: $3.00 an hour; the $7.20 floor needs 24 cents.
    const check = checkPayTerms({
      rewardCents: 10,
      estimatedSeconds: 120,
      timeAllottedSeconds: 600,
      floorCentsPerHour: 720,
    });
    expect(check).toEqual({ hourlyCents: 300, basis: 'estimate', smallestRewardCents: 24 });
    expect(payFloorMessage(check!, 720)).toContain('the smallest reward that meets it is $0.24');
  });

  it('judges by the time allotted without an estimate, as the server does', () => {
    const check = checkPayTerms({
      rewardCents: 100,
      estimatedSeconds: null,
      timeAllottedSeconds: 600,
      floorCentsPerHour: 720,
    });
    expect(check).toMatchObject({ basis: 'time allotted', smallestRewardCents: 120 });
  });

  it('meets the floor exactly at the smallest reward, and any reward without a floor', () => {
    const at = { estimatedSeconds: 120, timeAllottedSeconds: 600, floorCentsPerHour: 720 };
    expect(checkPayTerms({ ...at, rewardCents: 24 })?.smallestRewardCents).toBeNull();
    expect(
      checkPayTerms({ ...at, rewardCents: 1, floorCentsPerHour: 0 })?.smallestRewardCents,
    ).toBeNull();
    expect(payFloorMessage(checkPayTerms({ ...at, rewardCents: 24 })!, 720)).toBeNull();
  });

  it('waits for a reward and a time', () => {
    expect(
      checkPayTerms({
        rewardCents: null,
        estimatedSeconds: 60,
        timeAllottedSeconds: 600,
        floorCentsPerHour: 0,
      }),
    ).toBeNull();
  });
});
