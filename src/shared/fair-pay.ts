/**
 * The pay floor's arithmetic (DESIGN §10), shared by the server's checks and the web app's
 * settings form so both name the same smallest reward. Integer cents and seconds throughout.
 */

/** Cents per hour for `rewardCents` earned in `seconds`. */
export function hourlyCents(rewardCents: number, seconds: number): number {
  return Math.round((rewardCents * 3600) / seconds);
}

/** The smallest reward that pays at least `floorCentsPerHour` for work taking `seconds`. */
export function smallestRewardForFloor(floorCentsPerHour: number, seconds: number): number {
  return Math.ceil((floorCentsPerHour * seconds) / 3600);
}

/** `rewardCents × 3600 ÷ seconds ≥ floor`, without rounding on either side. */
export function meetsPayFloor(
  rewardCents: number,
  seconds: number,
  floorCentsPerHour: number,
): boolean {
  return rewardCents * 3600 >= floorCentsPerHour * seconds;
}

/**
 * The top-up that brings work taking `seconds` up to the floor, capped at the reward (so a
 * worker who idles can at most double the pay, and the requester's worst case is known).
 */
export function topUpCents(
  rewardCents: number,
  seconds: number,
  floorCentsPerHour: number,
): number {
  const short = smallestRewardForFloor(floorCentsPerHour, seconds) - rewardCents;
  return Math.min(rewardCents, Math.max(0, short));
}

/**
 * What one slot of a `topUpToFloor` project holds for its top-up: the top-up of work that took
 * the whole allotted time, the longest any submitted work can take.
 */
export function topUpReserveCents(
  rewardCents: number,
  timeAllottedSeconds: number,
  floorCentsPerHour: number,
): number {
  return topUpCents(rewardCents, timeAllottedSeconds, floorCentsPerHour);
}

/**
 * The least work time that counts as plausible, as the project work times count it (migration
 * 20261210070000): at least 5 s, 1 % of the time allotted, a tenth of the requester's estimate
 * and the project's minWorkSeconds. Faster work (bots, blind clicking) never sets the hourly pay.
 */
export function plausibleWorkSeconds(project: {
  timeAllottedSeconds: number;
  estimatedSeconds: number | null;
  minWorkSeconds: number;
}): number {
  return Math.max(
    5,
    project.timeAllottedSeconds / 100,
    (project.estimatedSeconds ?? 0) / 10,
    project.minWorkSeconds,
  );
}
