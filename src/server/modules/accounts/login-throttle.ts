/**
 * Per-account sign-in throttling with exponential backoff, as a pure decision over the stored
 * state of one normalised email. Every attempt that is let through counts before its password is
 * checked (so a burst of parallel guesses cannot slip past the limit); a successful sign-in
 * clears the state. The `failures`-th attempt in a row arms a backoff of `backoffMs`, each attempt
 * let through after a backoff doubles it, up to `maxBackoffMs`; attempts during a backoff are
 * refused without being counted. Quiet for `windowMs` after the last attempt or backoff, the
 * account starts afresh.
 */
export type LoginThrottleSettings = {
  failures: number;
  windowMs: number;
  backoffMs: number;
  maxBackoffMs: number;
};

export type LoginThrottleState = {
  attempts: number;
  lastAttemptAt: Date;
  blockedUntil: Date | null;
};

export type LoginAdmission =
  { admitted: true; next: LoginThrottleState } | { admitted: false; retryAfterMs: number };

export function admitLoginAttempt(
  state: LoginThrottleState | undefined,
  now: Date,
  settings: LoginThrottleSettings,
): LoginAdmission {
  const at = now.getTime();
  const blockedUntil = state?.blockedUntil?.getTime();
  if (blockedUntil !== undefined && blockedUntil > at) {
    return { admitted: false, retryAfterMs: blockedUntil - at };
  }
  const quietSince = Math.max(state?.lastAttemptAt.getTime() ?? 0, blockedUntil ?? 0);
  const fresh = !state || at - quietSince > settings.windowMs;
  const attempts = fresh ? 1 : state.attempts + 1;
  const beyond = attempts - settings.failures;
  const backoff =
    beyond >= 0 ? Math.min(settings.maxBackoffMs, settings.backoffMs * 2 ** beyond) : undefined;
  return {
    admitted: true,
    next: {
      attempts,
      lastAttemptAt: now,
      blockedUntil: backoff === undefined ? null : new Date(at + backoff),
    },
  };
}
