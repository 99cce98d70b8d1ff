import { describe, expect, it } from 'vitest';
import {
  centsFromDollars,
  describeDuration,
  dollarsFromCents,
  durationParts,
  isoFromLocalInput,
  localInputFromIso,
  publishEscrowCents,
  secondsFrom,
} from './units.js';

describe('centsFromDollars', () => {
  it.each([
    ['1', 100],
    ['1.5', 150],
    ['1.50', 150],
    ['0.05', 5],
    ['.5', 50],
    ['$12.34', 1234],
    [' $1,250.50 ', 125050],
    ['0', 0],
    [2.25, 225],
    [1.15, 115],
  ])('%j → %i cents', (input, cents) => {
    expect(centsFromDollars(input)).toBe(cents);
  });

  it.each(['', 'abc', '1.234', '-1', '1.2.3', '$', '1e3', '12 34'])('refuses %j', (input) => {
    expect(centsFromDollars(input)).toBeNull();
  });

  it('round-trips with dollarsFromCents', () => {
    for (const cents of [0, 1, 9, 10, 99, 100, 101, 123456]) {
      expect(centsFromDollars(dollarsFromCents(cents))).toBe(cents);
    }
    expect(dollarsFromCents(5)).toBe('0.05');
    expect(dollarsFromCents(-250)).toBe('-2.50');
  });
});

describe('publishEscrowCents', () => {
  it('is tasks × slots × (reward + fee), the fee rounded per assignment', () => {
    expect(
      publishEscrowCents({ tasks: 3, assignmentsPerTask: 2, rewardCents: 50, feePercent: 0 }),
    ).toBe(300);
    // 20% of 55 cents is 11 cents; each of the 4 assignments costs 66.
    expect(
      publishEscrowCents({ tasks: 2, assignmentsPerTask: 2, rewardCents: 55, feePercent: 20 }),
    ).toBe(264);
    // 12.5% of 5 cents is 0.625, rounded to 1 cent per assignment.
    expect(
      publishEscrowCents({ tasks: 10, assignmentsPerTask: 1, rewardCents: 5, feePercent: 12.5 }),
    ).toBe(60);
    expect(
      publishEscrowCents({ tasks: 0, assignmentsPerTask: 3, rewardCents: 100, feePercent: 10 }),
    ).toBe(0);
  });
});

describe('durations', () => {
  it('picks the largest whole unit', () => {
    expect(durationParts(3600, ['minutes', 'hours'])).toEqual({ value: 1, unit: 'hours' });
    expect(durationParts(5400, ['minutes', 'hours'])).toEqual({ value: 90, unit: 'minutes' });
    expect(durationParts(3 * 86_400, ['hours', 'days'])).toEqual({ value: 3, unit: 'days' });
    expect(durationParts(0, ['hours', 'days'])).toEqual({ value: 0, unit: 'days' });
    expect(durationParts(90, ['hours', 'days'])).toEqual({ value: 0.025, unit: 'hours' });
  });

  it('converts back to whole seconds', () => {
    expect(secondsFrom(90, 'minutes')).toBe(5400);
    expect(secondsFrom(1.5, 'hours')).toBe(5400);
    expect(secondsFrom(7, 'days')).toBe(604_800);
  });

  it('describes durations in words', () => {
    expect(describeDuration(0)).toBe('immediately');
    expect(describeDuration(60)).toBe('1 minute');
    expect(describeDuration(3600)).toBe('1 hour');
    expect(describeDuration(5400)).toBe('90 minutes');
    expect(describeDuration(3 * 86_400)).toBe('3 days');
  });
});

describe('datetime-local values', () => {
  it('round-trips to the minute in the browser zone', () => {
    const iso = '2027-03-14T15:09:00.000Z';
    const local = localInputFromIso(iso);
    expect(local).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/);
    expect(isoFromLocalInput(local)).toBe(iso);
  });

  it('refuses what is not a date and time', () => {
    expect(isoFromLocalInput('')).toBeNull();
    expect(isoFromLocalInput('tomorrow')).toBeNull();
    expect(isoFromLocalInput('2027-13-45T99:99')).toBeNull();
  });
});
