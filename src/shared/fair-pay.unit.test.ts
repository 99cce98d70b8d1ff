import { describe, expect, it } from 'vitest';
import {
  hourlyCents,
  meetsPayFloor,
  smallestRewardForFloor,
  topUpCents,
  topUpReserveCents,
} from './fair-pay.js';
import { slotEscrowCents } from './money.js';

describe('the pay floor arithmetic', () => {
  it('names the smallest reward that meets the floor, rounding up to a whole cent', () => {
    // $7.25 an hour for 2 minutes is 24.17 cents: 24 would pay $7.20.
    expect(smallestRewardForFloor(725, 120)).toBe(25);
    expect(meetsPayFloor(24, 120, 725)).toBe(false);
    expect(meetsPayFloor(25, 120, 725)).toBe(true);
    expect(hourlyCents(25, 120)).toBe(750);
  });

  it('meets any reward when there is no floor', () => {
    expect(meetsPayFloor(1, 7 * 86_400, 0)).toBe(true);
    expect(topUpCents(1, 7 * 86_400, 0)).toBe(0);
  });

  it('tops up to the floor at the time taken, never more than the reward', () => {
    // 10 cents at 12 cents a minute: 1 minute needs 12 (top-up 2), 10 minutes 120 (capped at 10).
    expect(topUpCents(10, 60, 720)).toBe(2);
    expect(topUpCents(10, 600, 720)).toBe(10);
    expect(topUpCents(10, 30, 720)).toBe(0);
    expect(topUpReserveCents(10, 600, 720)).toBe(10);
  });

  it('escrows a slot as its reward and its reserve, each with its own fee', () => {
    expect(slotEscrowCents(10, 10, 10)).toBe(22);
    expect(slotEscrowCents(10, 0, 10)).toBe(11);
    // Fees round per payment: 5 % of 9 is 0.45 → 0, of 10 is 0.5 → 1.
    expect(slotEscrowCents(10, 9, 5)).toBe(10 + 1 + 9 + 0);
  });
});
