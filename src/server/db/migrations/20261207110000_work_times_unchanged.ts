import { sql, type Kysely } from 'kysely';

/**
 * The submit's refresh of its project's work times (20261206070100) wrote the project's row even
 * when the quartiles came out as they were, and a write holds the row until its transaction
 * commits: every submit of a project then queued behind the others, and behind every claim
 * (which updates the row's open-task count), for a WAL flush each. bench/work showed it as the
 * submits' lock waits. Now a refresh that changes nothing writes nothing and waits for nobody:
 * a project's first submissions, a run of implausibly fast ones, and any submission that leaves
 * the three quartiles where they were.
 */
const refresh = (onlyChanged: boolean) => sql`
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
        where r.seconds >= greatest(5, pr.time_allotted_seconds / 100.0)
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

export async function up(db: Kysely<any>): Promise<void> {
  await refresh(true).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await refresh(false).execute(db);
}
