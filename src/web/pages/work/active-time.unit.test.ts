import { describe, expect, it } from 'vitest';
import { ActiveTime, IDLE_AFTER_MS } from './active-time.js';

const visible = { visible: true, focusInFrame: false };

describe('active time', () => {
  it('counts visible time in use, not a hidden tab or an idle page', () => {
    const time = new ActiveTime(0);
    time.tick(10_000, 10_000, visible);
    time.tick(20_000, 10_000, { visible: false, focusInFrame: false });
    // Idle past the limit: the page is visible but nobody uses it.
    time.tick(IDLE_AFTER_MS + 5_000, 5_000, visible);
    expect(time.seconds).toBe(10);
    time.input(IDLE_AFTER_MS + 6_000);
    time.tick(IDLE_AFTER_MS + 9_000, 3_000, visible);
    expect(time.seconds).toBe(13);
  });

  it('counts time with the focus in the task frame, whose input the page cannot hear', () => {
    const time = new ActiveTime(0);
    time.tick(10 * IDLE_AFTER_MS, 4_000, { visible: true, focusInFrame: true });
    expect(time.seconds).toBe(4);
  });
});
