/**
 * Round whole steps (1, 2 or 5 × a power of ten) from 0 to at least `max`; `count` steps or fewer.
 * With nothing to show (`max` 0) the axis still runs to `emptyTop`.
 */
export function niceTicks(max: number, { count = 4, emptyTop = 1 } = {}): number[] {
  if (max <= 0) return [0, emptyTop];
  const raw = max / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 5, 10].find((m) => m * magnitude >= raw) ?? 10) * magnitude;
  const whole = Math.max(1, Math.round(step));
  const top = Math.ceil(max / whole) * whole;
  return Array.from({ length: top / whole + 1 }, (_, i) => i * whole);
}
