import { platformFeeCents } from '../../../../shared/money.js';

/**
 * Dollars typed by a person → integer cents, or null when it is not an amount of money:
 * "$1,250.5" → 125050. More than two decimals is refused rather than silently rounded.
 */
export function centsFromDollars(input: string | number): number | null {
  const text = String(input).trim().replace(/^\$/, '').replaceAll(',', '').trim();
  if (!/^\d+(\.\d{0,2})?$|^\.\d{1,2}$/.test(text)) return null;
  const [whole = '', fraction = ''] = text.split('.');
  const cents = Number(whole || '0') * 100 + Number(fraction.padEnd(2, '0'));
  return Number.isSafeInteger(cents) ? cents : null;
}

/** Integer cents → the dollars shown in a money input, e.g. 150 → "1.50". */
export function dollarsFromCents(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** What publishing takes from available funds: every slot of every task, reward plus fee. */
export function publishEscrowCents(args: {
  tasks: number;
  assignmentsPerTask: number;
  rewardCents: number;
  feePercent: number;
}): number {
  const perAssignment = args.rewardCents + platformFeeCents(args.rewardCents, args.feePercent);
  return args.tasks * args.assignmentsPerTask * perAssignment;
}

export const DURATION_UNITS = {
  minutes: 60,
  hours: 3600,
  days: 86_400,
} as const;
export type DurationUnit = keyof typeof DURATION_UNITS;

/** The largest of `units` that shows `seconds` as a whole number (the smallest otherwise). */
export function durationParts(
  seconds: number,
  units: readonly DurationUnit[],
): { value: number; unit: DurationUnit } {
  const sorted = [...units].sort((a, b) => DURATION_UNITS[b] - DURATION_UNITS[a]);
  for (const unit of sorted) {
    if (seconds % DURATION_UNITS[unit] === 0)
      return { value: seconds / DURATION_UNITS[unit], unit };
  }
  const smallest = sorted[sorted.length - 1] ?? 'minutes';
  return { value: seconds / DURATION_UNITS[smallest], unit: smallest };
}

export function secondsFrom(value: number, unit: DurationUnit): number {
  return Math.round(value * DURATION_UNITS[unit]);
}

/** "2 hours", "1 day", "90 minutes"; 0 seconds reads as "immediately". */
export function describeDuration(seconds: number): string {
  if (seconds === 0) return 'immediately';
  const { value, unit } = durationParts(seconds, ['minutes', 'hours', 'days']);
  const rounded = Math.round(value * 10) / 10;
  return `${rounded} ${rounded === 1 ? unit.slice(0, -1) : unit}`;
}

/** An ISO instant → the value of an `<input type="datetime-local">` in the browser's zone. */
export function localInputFromIso(iso: string): string {
  const date = new Date(iso);
  const local = new Date(date.getTime() - date.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 16);
}

/** A `datetime-local` value (the browser's zone) → an ISO instant, or null if it is not one. */
export function isoFromLocalInput(value: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(value)) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}
