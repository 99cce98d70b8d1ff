import { sql, type Kysely, type RawBuilder } from 'kysely';

/**
 * Fair pay (DESIGN §10):
 * - `projects.estimated_seconds`: the requester's estimate of one assignment's work, shown (as an
 *   estimate) until measured times exist, and what the pay floor is checked against.
 * - `projects.top_up_to_floor`: approved work whose measured time paid below the floor is topped
 *   up from the requester's escrow. `pay_floor_cents` and `top_up_reserve_cents` are fixed at
 *   publish: the floor then in force and the most one slot's top-up can be (escrowed per slot,
 *   with its fee, next to the reward), so a later change of MIN_HOURLY_CENTS never leaves
 *   escrow short.
 * - `assignments.top_up_cents`: the top-up paid with an approval, shown to both sides.
 * - ledger transactions of kind `top_up`.
 * - The work-time quartiles' plausible minimum also counts the requester's own figures: a tenth
 *   of the estimate and the project's minWorkSeconds (PLAUSIBLE below).
 */
const workTimes = (minimum: RawBuilder<unknown>) => sql`
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
        where r.seconds >= ${minimum}
      ) w
      where pr.id = any(ids)
    ) s
    where p.id = s.id
      and (p.work_samples, p.work_seconds_p25, p.work_seconds_median, p.work_seconds_p75)
        is distinct from (s.n, s.p25, s.median, s.p75)
  $$`;

/**
 * Plausible work: at least 5 seconds, 1 % of the allotted time, a tenth of the requester's
 * estimate and the project's minWorkSeconds. A requester who overstates the estimate or the
 * minimum only hides their own measured pay behind the estimate they gave; a bot's instant
 * submissions never count.
 */
const PLAUSIBLE = sql.raw(
  'greatest(5, pr.time_allotted_seconds / 100.0, coalesce(pr.estimated_seconds, 0) / 10.0, pr.min_work_seconds)',
);
const PLAUSIBLE_BEFORE = sql.raw('greatest(5, pr.time_allotted_seconds / 100.0)');

export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table projects
    add column estimated_seconds integer check (estimated_seconds > 0),
    add column top_up_to_floor boolean not null default false,
    add column pay_floor_cents integer not null default 0 check (pay_floor_cents >= 0),
    add column top_up_reserve_cents integer not null default 0 check (top_up_reserve_cents >= 0)`.execute(
    db,
  );
  await sql`alter table assignments
    add column top_up_cents integer not null default 0 check (top_up_cents >= 0)`.execute(db);
  await sql`alter table ledger_transactions drop constraint ledger_transactions_kind_check`.execute(
    db,
  );
  await sql`alter table ledger_transactions add constraint ledger_transactions_kind_check
    check (kind in ('deposit', 'escrow', 'release', 'payment', 'bonus', 'top_up', 'payout',
                    'payout_reversal'))`.execute(db);
  await workTimes(PLAUSIBLE).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await workTimes(PLAUSIBLE_BEFORE).execute(db);
  await sql`alter table ledger_transactions drop constraint ledger_transactions_kind_check`.execute(
    db,
  );
  await sql`alter table ledger_transactions add constraint ledger_transactions_kind_check
    check (kind in ('deposit', 'escrow', 'release', 'payment', 'bonus', 'payout',
                    'payout_reversal'))`.execute(db);
  await sql`alter table assignments drop column top_up_cents`.execute(db);
  await sql`alter table projects
    drop column estimated_seconds, drop column top_up_to_floor,
    drop column pay_floor_cents, drop column top_up_reserve_cents`.execute(db);
}
