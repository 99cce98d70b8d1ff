/**
 * Remembers, for this page load, that a signed-in user's session ended under them (a 401), so
 * the sign-in page can say why they are there rather than look like a fresh visit.
 */
let expired = false;

export function markSessionExpired(): void {
  expired = true;
}

export function sessionExpired(): boolean {
  return expired;
}

/** A new sign-in starts a new session: a later 401 is news again. */
export function clearSessionExpired(): void {
  expired = false;
}
