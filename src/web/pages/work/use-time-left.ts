import { useEffect, useState } from 'react';
import { msUntil } from './time.js';

/** Milliseconds until the deadline, updated every second; it stops at zero. */
export function useTimeLeft(deadline: string): number {
  const [left, setLeft] = useState(() => msUntil(deadline, Date.now()));
  useEffect(() => {
    setLeft(msUntil(deadline, Date.now()));
    const timer = window.setInterval(() => {
      const next = msUntil(deadline, Date.now());
      setLeft(next);
      if (next <= 0) window.clearInterval(timer);
    }, 1000);
    return () => window.clearInterval(timer);
  }, [deadline]);
  return left;
}
