import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MAX_RUNS_PER_TICK, startSweeps, type Sweep } from './runner.js';

const log = { info: vi.fn(), warn: vi.fn() };

/** A sweep over a backlog of `rows`, taking at most `batch` per run. */
function backlogSweep(rows: number, batch: number, intervalMs = 30_000) {
  const state = { left: rows, runs: 0 };
  const sweep: Sweep = {
    name: 'backlog',
    intervalMs,
    run: async () => {
      state.runs += 1;
      const taken = Math.min(batch, state.left);
      state.left -= taken;
      return taken;
    },
  };
  return { sweep, state };
}

beforeEach(() => {
  vi.useFakeTimers();
  log.info.mockClear();
  log.warn.mockClear();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('startSweeps', () => {
  it('runs at start and drains a backlog in one tick, not one batch per interval', async () => {
    const { sweep, state } = backlogSweep(1_000, 200);
    const sweeps = startSweeps([sweep], log);
    await vi.advanceTimersByTimeAsync(0);
    expect(state.left).toBe(0);
    // Five full batches and the empty run that says the backlog is gone.
    expect(state.runs).toBe(6);
    await sweeps.stop();
  });

  it('stops a drain after a bounded number of runs and picks up on the next interval', async () => {
    const { sweep, state } = backlogSweep(1_000_000, 1, 1_000);
    const sweeps = startSweeps([sweep], log);
    await vi.advanceTimersByTimeAsync(0);
    expect(state.runs).toBe(MAX_RUNS_PER_TICK);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(state.runs).toBe(2 * MAX_RUNS_PER_TICK);
    await sweeps.stop();
  });

  it('logs a failure and retries on the next interval', async () => {
    let calls = 0;
    const flaky: Sweep = {
      name: 'flaky',
      intervalMs: 1_000,
      run: async () => {
        calls += 1;
        if (calls === 1) throw new Error('database away');
        return 0;
      },
    };
    const sweeps = startSweeps([flaky], log);
    await vi.advanceTimersByTimeAsync(0);
    expect(log.warn).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(calls).toBe(2);
    await sweeps.stop();
  });

  it('waits for a run in flight on stop and schedules nothing after it', async () => {
    let release: (() => void) | undefined;
    let calls = 0;
    const slow: Sweep = {
      name: 'slow',
      intervalMs: 1_000,
      run: () => {
        calls += 1;
        return new Promise<number>((resolve) => {
          release = () => resolve(5);
        });
      },
    };
    const sweeps = startSweeps([slow], log);
    await vi.advanceTimersByTimeAsync(0);
    let stopped = false;
    const stopping = sweeps.stop().then(() => {
      stopped = true;
    });
    await vi.advanceTimersByTimeAsync(0);
    expect(stopped).toBe(false);
    release?.();
    await stopping;
    await vi.advanceTimersByTimeAsync(10_000);
    // The run reported changes, yet no further run starts once stopping.
    expect(calls).toBe(1);
  });
});
