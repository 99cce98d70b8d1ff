import type { Clock } from '../../src/server/lib/clock.js';

/** A clock the test moves by hand. */
export function createTestClock(
  start = new Date(),
): Clock & { advance(ms: number): void; set(d: Date): void } {
  let now = start.getTime();
  return {
    now: () => new Date(now),
    advance(ms: number) {
      now += ms;
    },
    set(d: Date) {
      now = d.getTime();
    },
  };
}
