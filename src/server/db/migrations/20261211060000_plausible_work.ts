import { sql, type Kysely } from 'kysely';
import {
  plausibleByAllotment,
  plausibleByFunction,
  plausibleByRequesterFigures,
  refreshProjectWorkTimes,
  refreshRequesterMedians,
} from './shared/work-time-functions.js';

/**
 * One home for "plausible work" (issue #14): is_plausible_work(seconds, the project's allotted
 * time, estimate and minWorkSeconds) is true for at least 5 seconds, 1 % of the time allotted, a
 * tenth of the requester's estimate and minWorkSeconds (the rule of 20261210070000_fair_pay).
 * A simple immutable SQL function, so the planner inlines it where it is called.
 *
 * Both measurements now call it: the project's work-time quartiles (the feed's hourly pay) and
 * the requester's effective hourly pay in their reputation. The latter had kept the rule of
 * 20261206070100 (5 seconds and 1 % only) although docs/reputation.md promised "as the project
 * work times do"; its medians are recomputed here so that every requester reads the same rule.
 */
const recomputeRequesterMedians = sql`select refresh_requester_medians(
  array(select distinct owner_id from projects order by owner_id))`;

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create function is_plausible_work(
      seconds double precision,
      time_allotted_seconds integer,
      estimated_seconds integer,
      min_work_seconds integer
    ) returns boolean
    language sql immutable as $$
      select seconds >= greatest(5, time_allotted_seconds / 100.0,
                                 coalesce(estimated_seconds, 0) / 10.0, min_work_seconds)
    $$`.execute(db);
  await refreshProjectWorkTimes(plausibleByFunction, true).execute(db);
  await refreshRequesterMedians(plausibleByFunction).execute(db);
  await recomputeRequesterMedians.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await refreshProjectWorkTimes(plausibleByRequesterFigures, true).execute(db);
  await refreshRequesterMedians(plausibleByAllotment).execute(db);
  await sql`drop function is_plausible_work(double precision, integer, integer, integer)`.execute(
    db,
  );
  await recomputeRequesterMedians.execute(db);
}
