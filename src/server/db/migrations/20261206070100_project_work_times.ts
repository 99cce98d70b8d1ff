import { sql, type Kysely } from 'kysely';
import { plausibleByAllotment, refreshProjectWorkTimes } from './shared/work-time-functions.js';

/**
 * Each project's work times, for the feed's hourly pay: the quartiles (p25, median, p75) of the
 * seconds from accept to submit over the plausible ones among its 50 latest submissions, and how
 * many were plausible. Kept by a trigger on the submit, in the same statement, so the feed reads
 * three columns instead of taking a median per project per request, and can sort and filter by
 * hourly pay along an index (projects_feed_hourly_idx).
 *
 * Plausible: at least 5 seconds and at least 1 % of the time the requester allotted. Faster than
 * that is no real work (a script, a blank submit): four 2-second submissions of a 10-minute task
 * made "about $450 an hour". A requester allots generous time, rarely 100 times what the work
 * takes, so the 1 % keeps real work of any length; the 5 seconds keeps out instant submissions
 * on projects with short allotments. The cost of a rule too strict is a project without an
 * estimate; of one too loose, a promise of pay that is not there.
 *
 * Fewer than 3 plausible submissions say too little: the quartiles stay null, and the feed shows
 * no estimate. The window is the latest submissions, not the latest plausible ones, so that a
 * flood of fast submissions cannot make the trigger walk far back: it ends the estimate instead.
 *
 * The price: each submit reads up to 50 of its project's latest submissions through
 * assignments_project_submitted_idx and updates the project's row. Assignments inserted already
 * submitted (seeding, imports) do not fire it: call refresh_project_work_times after them.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table projects
    add column work_seconds_p25 double precision,
    add column work_seconds_median double precision,
    add column work_seconds_p75 double precision,
    add column work_samples integer not null default 0`.execute(db);
  await refreshProjectWorkTimes(plausibleByAllotment, false).execute(db);
  await sql`create function assignments_refresh_work_times() returns trigger
    language plpgsql as $$
      begin
        perform refresh_project_work_times(array[new.project_id]);
        return null;
      end $$`.execute(db);
  await sql`create trigger assignments_work_times_on_submit
    after update of submitted_at on assignments
    for each row when (old.submitted_at is null and new.submitted_at is not null)
    execute function assignments_refresh_work_times()`.execute(db);
  await sql`select refresh_project_work_times(array(
    select distinct project_id from assignments where submitted_at is not null))`.execute(db);
  // Hourly pay in cents per hour, as the feed computes it; null (last) without an estimate.
  await sql`create index projects_feed_hourly_idx
    on projects ((reward_cents * 3600 / work_seconds_median) desc nulls last,
                 published_at desc nulls last, id desc)
    where status = 'published'`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index projects_feed_hourly_idx`.execute(db);
  await sql`drop trigger assignments_work_times_on_submit on assignments`.execute(db);
  await sql`drop function assignments_refresh_work_times()`.execute(db);
  await sql`drop function refresh_project_work_times(uuid[])`.execute(db);
  await sql`alter table projects
    drop column work_seconds_p25,
    drop column work_seconds_median,
    drop column work_seconds_p75,
    drop column work_samples`.execute(db);
}
