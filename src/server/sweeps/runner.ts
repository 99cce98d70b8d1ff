import type { FastifyBaseLogger } from 'fastify';

/**
 * A background sweep: idempotent, set-based SQL that is safe when every instance runs it at
 * once. `run` returns how many rows it changed.
 */
export type Sweep = { name: string; intervalMs: number; run: () => Promise<number> };

/**
 * Runs of one sweep back to back while each still finds work, so a backlog (thousands of
 * submissions whose review window closed together) drains in one go instead of one batch per
 * interval; bounded so a sweep that always reports changes cannot monopolise the pool.
 */
export const MAX_RUNS_PER_TICK = 50;

type Log = Pick<FastifyBaseLogger, 'info' | 'warn'>;

/**
 * Runs each sweep once at start (an instance that was down catches up at once) and then on its
 * interval, never two runs of one sweep at a time in this process. Failures are logged and
 * retried on the next tick (the database may be briefly away).
 */
export function startSweeps(sweeps: Sweep[], log: Log) {
  const timers: NodeJS.Timeout[] = [];
  const running = new Set<Promise<unknown>>();
  let stopped = false;

  async function drain(sweep: Sweep) {
    for (let runs = 0; runs < MAX_RUNS_PER_TICK && !stopped; runs++) {
      const changed = await sweep.run();
      if (changed === 0) return;
      log.info({ sweep: sweep.name, changed }, 'sweep changed rows');
    }
  }

  for (const sweep of sweeps) {
    let busy = false;
    const tick = () => {
      if (busy || stopped) return;
      busy = true;
      const run = drain(sweep)
        .catch((err: unknown) => log.warn({ sweep: sweep.name, err }, 'sweep failed; will retry'))
        .finally(() => {
          busy = false;
          running.delete(run);
        });
      running.add(run);
    };
    const first = setTimeout(tick, 0);
    const timer = setInterval(tick, sweep.intervalMs);
    first.unref();
    timer.unref();
    timers.push(first, timer);
  }

  return {
    /** Stops scheduling and waits for the runs in flight (each drain stops after its run). */
    async stop() {
      stopped = true;
      for (const timer of timers) clearTimeout(timer);
      await Promise.allSettled([...running]);
    },
  };
}
