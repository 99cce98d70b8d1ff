import { describe, expect, it } from 'vitest';
import { admitLoginAttempt, type LoginThrottleState } from './login-throttle.js';

const settings = { failures: 3, windowMs: 600_000, backoffMs: 10_000, maxBackoffMs: 40_000 };
const at = (ms: number) => new Date(Date.UTC(2026, 0, 1) + ms);

function attempt(state: LoginThrottleState | undefined, ms: number) {
  const answer = admitLoginAttempt(state, at(ms), settings);
  return answer.admitted ? answer.next : answer;
}

describe('admitLoginAttempt', () => {
  it('arms a backoff on the last allowed attempt and refuses during it, uncounted', () => {
    let state: LoginThrottleState | undefined;
    for (let i = 0; i < 2; i++) state = attempt(state, i) as LoginThrottleState;
    expect(state).toMatchObject({ attempts: 2, blockedUntil: null });
    state = attempt(state, 2) as LoginThrottleState;
    expect(state).toEqual({ attempts: 3, lastAttemptAt: at(2), blockedUntil: at(10_002) });
    expect(attempt(state, 5_002)).toEqual({ retryAfterMs: 5_000, admitted: false });
  });

  it('doubles the backoff for each attempt let through after one, up to the cap', () => {
    let state: LoginThrottleState = { attempts: 3, lastAttemptAt: at(0), blockedUntil: at(10_000) };
    const waits: number[] = [];
    for (let round = 0; round < 4; round++) {
      const now = state.blockedUntil!.getTime() - at(0).getTime();
      state = attempt(state, now) as LoginThrottleState;
      waits.push(state.blockedUntil!.getTime() - at(now).getTime());
    }
    expect(waits).toEqual([20_000, 40_000, 40_000, 40_000]);
  });

  it('starts afresh once quiet for the window after the last attempt or backoff', () => {
    const state = { attempts: 7, lastAttemptAt: at(0), blockedUntil: at(40_000) };
    expect(attempt(state, 40_000 + 600_000)).toMatchObject({ attempts: 8 });
    expect(attempt(state, 40_001 + 600_000)).toMatchObject({ attempts: 1, blockedUntil: null });
  });
});
