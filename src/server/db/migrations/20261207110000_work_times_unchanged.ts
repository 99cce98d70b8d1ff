import type { Kysely } from 'kysely';
import { plausibleByAllotment, refreshProjectWorkTimes } from './shared/work-time-functions.js';

/**
 * The submit's refresh of its project's work times (20261206070100) wrote the project's row even
 * when the quartiles came out as they were, and a write holds the row until its transaction
 * commits: every submit of a project then queued behind the others, and behind every claim
 * (which updates the row's open-task count), for a WAL flush each. bench/work showed it as the
 * submits' lock waits. Now a refresh that changes nothing writes nothing and waits for nobody:
 * a project's first submissions, a run of implausibly fast ones, and any submission that leaves
 * the three quartiles where they were.
 */
const refresh = (onlyChanged: boolean) =>
  refreshProjectWorkTimes(plausibleByAllotment, onlyChanged);

export async function up(db: Kysely<any>): Promise<void> {
  await refresh(true).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await refresh(false).execute(db);
}
