import { sql, type RawBuilder } from 'kysely';

/*
 * The two SQL functions that measure work time, written once for every migration that
 * (re)defines them: each migration passes the plausible-work rule of its day. Migrations that have
 * run must keep defining what they defined, so a change here is a new parameter with the old
 * text as its default, never a new text for an existing call.
 *
 * Since 20261211060000_plausible_work the rule itself is one SQL function, is_plausible_work; the
 * older rules below are what the migrations before it (and their `down`s) inlined.
 */

/** SQL saying whether `seconds` of work on the project row `project` is plausible work. */
export type PlausibleRule = (seconds: string, project: string) => RawBuilder<unknown>;

/** 20261206070100: at least 5 seconds and 1 % of the time allotted. */
export const plausibleByAllotment: PlausibleRule = (seconds, project) =>
  sql.raw(`${seconds} >= greatest(5, ${project}.time_allotted_seconds / 100.0)`);

/** 20261210070000: also a tenth of the requester's estimate and the project's minWorkSeconds. */
export const plausibleByRequesterFigures: PlausibleRule = (seconds, project) =>
  sql.raw(
    `${seconds} >= greatest(5, ${project}.time_allotted_seconds / 100.0, coalesce(${project}.estimated_seconds, 0) / 10.0, ${project}.min_work_seconds)`,
  );

/** 20261211060000: the rule's one home, is_plausible_work. */
export const plausibleByFunction: PlausibleRule = (seconds, project) =>
  sql.raw(
    `is_plausible_work(${seconds}, ${project}.time_allotted_seconds, ${project}.estimated_seconds, ${project}.min_work_seconds)`,
  );

/**
 * refresh_project_work_times(ids): each project's quartiles of the work time of the plausible
 * ones among its 50 latest submissions (null below 3 of them). With `onlyChanged`, a refresh
 * that changes nothing writes nothing (20261207110000_work_times_unchanged says why).
 */
export const refreshProjectWorkTimes = (plausible: PlausibleRule, onlyChanged: boolean) => sql`
  create or replace function refresh_project_work_times(ids uuid[]) returns void
  language sql as $$
    update projects p
    set work_seconds_p25 = s.p25,
        work_seconds_median = s.median,
        work_seconds_p75 = s.p75,
        work_samples = s.n
    from (
      select pr.id, w.n,
             case when w.n >= 3 then w.q[1] end as p25,
             case when w.n >= 3 then w.q[2] end as median,
             case when w.n >= 3 then w.q[3] end as p75
      from projects pr
      cross join lateral (
        select count(*)::int as n,
               percentile_cont(array[0.25, 0.5, 0.75]) within group (order by r.seconds) as q
        from (
          select extract(epoch from a.submitted_at - a.accepted_at)::float8 as seconds
          from assignments a
          where a.project_id = pr.id and a.submitted_at is not null
          order by a.submitted_at desc
          limit 50
        ) r
        where ${plausible('r.seconds', 'pr')}
      ) w
      where pr.id = any(ids)
    ) s
    where p.id = s.id
    ${
      onlyChanged
        ? sql`and (p.work_samples, p.work_seconds_p25, p.work_seconds_median, p.work_seconds_p75)
          is distinct from (s.n, s.p25, s.median, s.p75)`
        : sql``
    }
  $$`;

/**
 * refresh_requester_medians(ids): a requester's medians over their latest 200 decisions, the
 * time from submit to decision and the pay per hour of plausible work, so that a few instant
 * submissions cannot inflate it.
 */
export const refreshRequesterMedians = (plausible: PlausibleRule) => sql`
  create or replace function refresh_requester_medians(ids uuid[]) returns void
  language sql as $$
    insert into user_reputation (user_id, median_review_seconds, effective_hourly_cents)
    select o.id, m.review, m.hourly
    from unnest(ids) as o(id)
    cross join lateral (
      select percentile_cont(0.5) within group (order by d.review_seconds) as review,
             round(percentile_cont(0.5) within group (order by d.hourly)
               filter (where d.hourly is not null))::int as hourly
      from (
        select extract(epoch from a.reviewed_at - a.submitted_at)::float8 as review_seconds,
               case when ${plausible('a.work_seconds', 'p')}
                    then a.reward_cents * 3600.0 / a.work_seconds end as hourly
        from assignments a join projects p on p.id = a.project_id
        where p.owner_id = o.id and a.reviewed_at is not null and a.submitted_at is not null
        order by a.reviewed_at desc
        limit 200
      ) d
    ) m
    on conflict (user_id) do update
      set median_review_seconds = excluded.median_review_seconds,
          effective_hourly_cents = excluded.effective_hourly_cents
      where (user_reputation.median_review_seconds, user_reputation.effective_hourly_cents)
        is distinct from (excluded.median_review_seconds, excluded.effective_hourly_cents)
  $$`;
