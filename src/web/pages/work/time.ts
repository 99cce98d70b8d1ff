/** Under this much time left, the countdown turns to a warning colour and says so. */
export const TIME_WARNING_MS = 60_000;

const UNITS = [
  { seconds: 86_400, one: 'day', many: 'days' },
  { seconds: 3_600, one: 'hour', many: 'hours' },
  { seconds: 60, one: 'minute', many: 'minutes' },
  { seconds: 1, one: 'second', many: 'seconds' },
] as const;

/** A length of time in words, to its two largest units: "1 hour 30 minutes", "2 days". */
export function formatDuration(totalSeconds: number): string {
  let rest = Math.max(0, Math.round(totalSeconds));
  const parts: string[] = [];
  for (const unit of UNITS) {
    const count = Math.floor(rest / unit.seconds);
    rest -= count * unit.seconds;
    if (count > 0 && parts.length < 2) parts.push(`${count} ${count === 1 ? unit.one : unit.many}`);
    else if (parts.length > 0) break;
  }
  return parts.length > 0 ? parts.join(' ') : '0 seconds';
}

const pad = (value: number) => String(value).padStart(2, '0');

/**
 * Time left on a clock: "4:05", "1:02:03"; days as "2 d 3 h". Seconds round up, so the clock
 * reads 0:00 only when the deadline has really passed.
 */
export function formatTimeLeft(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const days = Math.floor(total / 86_400);
  const hours = Math.floor((total % 86_400) / 3_600);
  const minutes = Math.floor((total % 3_600) / 60);
  const seconds = total % 60;
  if (days > 0) return `${days} d ${hours} h`;
  if (hours > 0) return `${hours}:${pad(minutes)}:${pad(seconds)}`;
  return `${minutes}:${pad(seconds)}`;
}

/** Milliseconds from `now` until the ISO `deadline` (negative once it has passed). */
export function msUntil(deadline: string, now: number): number {
  return new Date(deadline).getTime() - now;
}
