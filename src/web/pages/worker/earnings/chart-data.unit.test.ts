import { describe, expect, it } from 'vitest';
import { buildChart, formatAxisCents, type DayEarnings } from './chart-data.js';

function days(values: [rewards: number, bonuses: number][], from = '2026-11-01'): DayEarnings[] {
  const start = Date.parse(`${from}T00:00:00Z`);
  return values.map(([approvedCents, bonusesCents], i) => ({
    date: new Date(start + i * 86_400_000).toISOString().slice(0, 10),
    approvedCents,
    approvedCount: approvedCents > 0 ? 1 : 0,
    bonusesCents,
  }));
}

describe('buildChart', () => {
  it('stacks rewards and bonuses per day and totals them', () => {
    const chart = buildChart(
      days([
        [0, 0],
        [120, 0],
        [60, 25],
        [0, 0],
      ]),
    );
    expect(chart.bars.map((b) => b.totalCents)).toEqual([0, 120, 85, 0]);
    expect(chart.totalCents).toBe(205);
    expect(chart.bonusesCents).toBe(25);
    expect(chart.activeDays).toBe(2);
    expect(chart.bestDay?.date).toBe('2026-11-02');
    expect(chart.axisMaxCents).toBeGreaterThanOrEqual(120);
  });

  it('draws an axis up to a dollar when nothing was earned', () => {
    expect(buildChart(days([[0, 0]])).ticks).toEqual([0, 100]);
  });

  it('names UTC days on the axis every few days, counting back from today', () => {
    const chart = buildChart(days(Array.from({ length: 15 }, () => [0, 0])), 7);
    expect(chart.bars.filter((b) => b.showLabel).map((b) => b.date)).toEqual([
      '2026-11-01',
      '2026-11-08',
      '2026-11-15',
    ]);
    expect(chart.bars[0]?.label).toBe('Nov 1');
    expect(chart.bars[0]?.longLabel).toBe('Sun, Nov 1, 2026');
  });

  it('sums the chart up in a sentence', () => {
    expect(
      buildChart(
        days([
          [0, 0],
          [0, 0],
        ]),
      ).summary,
    ).toBe('No approved earnings in the last 2 days.');
    expect(
      buildChart(
        days([
          [100, 50],
          [0, 0],
          [300, 0],
        ]),
      ).summary,
    ).toBe(
      '$4.50 earned in the last 3 days ($0.50 of it bonuses), on 2 days; best day Nov 3 with $3.00.',
    );
    expect(
      buildChart(
        days([
          [0, 0],
          [40, 0],
        ]),
      ).summary,
    ).toBe('$0.40 earned in the last 2 days, on 1 day; best day Nov 2 with $0.40.');
  });
});

describe('formatAxisCents', () => {
  it('drops cents from whole dollars', () => {
    expect(formatAxisCents(0)).toBe('$0');
    expect(formatAxisCents(200)).toBe('$2');
    expect(formatAxisCents(250)).toBe('$2.50');
    expect(formatAxisCents(150_000)).toBe('$1,500');
  });
});
