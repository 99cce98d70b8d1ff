import type { createServices } from '../app.js';
import type { Sweep } from './runner.js';

type Services = ReturnType<typeof createServices>;

/** Every background sweep the server runs, with how often. */
export function createSweeps(services: Services): Sweep[] {
  return [
    {
      name: 'expired-sessions',
      intervalMs: 10 * 60_000,
      run: () => services.accounts.sweepExpiredSessions(),
    },
    {
      // Reads already treat overdue work as expired; the sweep records it and frees the slots.
      name: 'expired-assignments',
      intervalMs: 15_000,
      run: () => services.work.sweepExpired(),
    },
  ];
}
