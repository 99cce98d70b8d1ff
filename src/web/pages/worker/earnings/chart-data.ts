import { formatCents } from '../../../../shared/money.js';
import { niceTicks } from '../../../lib/chart-ticks.js';

/** One UTC day as `GET /me/earnings/daily` returns it. */
export type DayEarnings = {
  date: string;
  approvedCents: number;
  approvedCount: number;
  bonusesCents: number;
};

export type ChartBar = {
  date: string;
  /** Short, for the axis: "Nov 3". */
  label: string;
  /** Long, for tooltips and the table: "Mon, Nov 3, 2026". */
  longLabel: string;
  rewardsCents: number;
  bonusesCents: number;
  totalCents: number;
  approvedCount: number;
  /** Whether the axis names this day (every few days, counting back from today). */
  showLabel: boolean;
};

export type ChartModel = {
  bars: ChartBar[];
  /** Axis values in cents, from 0 up to the top of the axis. */
  ticks: number[];
  /** The top of the axis: a round number at or above the best day. */
  axisMaxCents: number;
  totalCents: number;
  bonusesCents: number;
  /** Days with any earnings. */
  activeDays: number;
  bestDay: ChartBar | null;
  /** The chart in one sentence, for people who cannot see it. */
  summary: string;
};

// The dates are UTC days: formatting them in the viewer's zone could show the day before.
const shortDate = new Intl.DateTimeFormat('en', {
  month: 'short',
  day: 'numeric',
  timeZone: 'UTC',
});
const longDate = new Intl.DateTimeFormat('en', {
  weekday: 'short',
  month: 'short',
  day: 'numeric',
  year: 'numeric',
  timeZone: 'UTC',
});

export function buildChart(days: DayEarnings[], labelEvery = 7): ChartModel {
  const bars = days.map((day, i): ChartBar => {
    const at = new Date(`${day.date}T00:00:00Z`);
    return {
      date: day.date,
      label: shortDate.format(at),
      longLabel: longDate.format(at),
      rewardsCents: day.approvedCents,
      bonusesCents: day.bonusesCents,
      totalCents: day.approvedCents + day.bonusesCents,
      approvedCount: day.approvedCount,
      showLabel: (days.length - 1 - i) % labelEvery === 0,
    };
  });
  const totalCents = bars.reduce((sum, bar) => sum + bar.totalCents, 0);
  const bonusesCents = bars.reduce((sum, bar) => sum + bar.bonusesCents, 0);
  const active = bars.filter((bar) => bar.totalCents > 0);
  // The first of equal best days, so the answer does not depend on sort stability.
  const bestDay = active.reduce<ChartBar | null>(
    (best, bar) => (best === null || bar.totalCents > best.totalCents ? bar : best),
    null,
  );
  // With nothing earned the axis still runs up to a dollar.
  const ticks = niceTicks(bestDay?.totalCents ?? 0, { emptyTop: 100 });
  return {
    bars,
    ticks,
    axisMaxCents: ticks[ticks.length - 1] ?? 100,
    totalCents,
    bonusesCents,
    activeDays: active.length,
    bestDay,
    summary: summarize(days.length, totalCents, bonusesCents, active.length, bestDay),
  };
}

function summarize(
  dayCount: number,
  totalCents: number,
  bonusesCents: number,
  activeDays: number,
  bestDay: ChartBar | null,
): string {
  if (!bestDay) return `No approved earnings in the last ${dayCount} days.`;
  const bonuses = bonusesCents > 0 ? ` (${formatCents(bonusesCents)} of it bonuses)` : '';
  const days = activeDays === 1 ? '1 day' : `${activeDays} days`;
  return (
    `${formatCents(totalCents)} earned in the last ${dayCount} days${bonuses}, on ${days}; ` +
    `best day ${bestDay.label} with ${formatCents(bestDay.totalCents)}.`
  );
}

/** "$1.50" on the axis, "$0" at the bottom, whole dollars without cents. */
export function formatAxisCents(cents: number): string {
  if (cents === 0) return '$0';
  return cents % 100 === 0 ? `$${(cents / 100).toLocaleString('en-US')}` : formatCents(cents);
}
