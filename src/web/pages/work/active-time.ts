import { useEffect, useRef } from 'react';

/** Without input for this long, a visible page no longer counts as in use. */
export const IDLE_AFTER_MS = 60_000;
const TICK_MS = 1_000;
const INPUT_EVENTS = ['pointerdown', 'pointermove', 'keydown', 'wheel', 'scroll', 'input'] as const;

/**
 * Time the work page was visible and in use (DESIGN §9 `activeSeconds`): counted a tick at a time
 * while the page is visible and either someone used it within IDLE_AFTER_MS or the focus is in
 * the task's frame (whose own events the page cannot hear).
 */
export class ActiveTime {
  private ms = 0;
  private lastInput: number;

  constructor(now: number) {
    // Opening the task counts as using it.
    this.lastInput = now;
  }

  input(now: number) {
    this.lastInput = now;
  }

  tick(now: number, elapsedMs: number, page: { visible: boolean; focusInFrame: boolean }) {
    if (!page.visible) return;
    if (page.focusInFrame || now - this.lastInput <= IDLE_AFTER_MS) this.ms += elapsedMs;
  }

  get seconds(): number {
    return Math.round(this.ms / 1000);
  }
}

/** Counts the page's active time from mount; read it with the returned function at submit. */
export function useActiveSeconds(): () => number {
  const timer = useRef<ActiveTime | null>(null);
  useEffect(() => {
    const active = new ActiveTime(Date.now());
    timer.current = active;
    const onInput = () => active.input(Date.now());
    for (const name of INPUT_EVENTS) window.addEventListener(name, onInput, { passive: true });
    let last = Date.now();
    const interval = window.setInterval(() => {
      const now = Date.now();
      active.tick(now, now - last, {
        visible: document.visibilityState === 'visible',
        focusInFrame: document.activeElement?.tagName === 'IFRAME',
      });
      last = now;
    }, TICK_MS);
    return () => {
      window.clearInterval(interval);
      for (const name of INPUT_EVENTS) window.removeEventListener(name, onInput);
    };
  }, []);
  return () => timer.current?.seconds ?? 0;
}
