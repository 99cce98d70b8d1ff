import type { FastifyBaseLogger } from 'fastify';

/**
 * A background sweep: idempotent, set-based SQL that is safe when every instance runs it at
 * once. `run` returns how many rows it changed.
 */
export type Sweep = { name: string; intervalMs: number; run: () => Promise<number> };

/**
 * Runs each sweep on its own interval, never two runs of one sweep at a time in this process.
 * Failures are logged and retried on the next tick (the database may be briefly away).
 */
export function startSweeps(sweeps: Sweep[], log: FastifyBaseLogger) {
  const timers: NodeJS.Timeout[] = [];
  const running = new Set<Promise<unknown>>();
  let stopped = false;

  for (const sweep of sweeps) {
    let busy = false;
    const tick = () => {
      if (busy || stopped) return;
      busy = true;
      const run = sweep
        .run()
        .then((changed) => {
          if (changed > 0) log.info({ sweep: sweep.name, changed }, 'sweep changed rows');
        })
        .catch((err: unknown) => log.warn({ sweep: sweep.name, err }, 'sweep failed; will retry'))
        .finally(() => {
          busy = false;
          running.delete(run);
        });
      running.add(run);
    };
    const timer = setInterval(tick, sweep.intervalMs);
    timer.unref();
    timers.push(timer);
  }

  return {
    /** Stops scheduling and waits for runs in flight. */
    async stop() {
      stopped = true;
      for (const timer of timers) clearInterval(timer);
      await Promise.allSettled([...running]);
    },
  };
}
