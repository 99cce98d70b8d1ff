import { sql, type Kysely } from 'kysely';
import { plausibleByAllotment, refreshRequesterMedians } from './shared/work-time-functions.js';

/**
 * Two-way reputation (DESIGN §10), computed from the record and never typed in.
 *
 * - `ratings`: one current Boomerang rating per (rater, ratee), −1, 0 or +1, with the decided
 *   assignment that allowed it. Private to the rater; only the counts are public.
 * - `user_reputation`: per user, the counts the reputation is made of, kept in the same
 *   transaction as what changes them, so that the feed reads one row per requester instead of
 *   aggregating their history on every request:
 *   - a statement trigger on assignments adds each statement's decisions (approved, rejected)
 *     to the worker's and the requester's counts, and its scored gold answers to the worker's;
 *     then recomputes the requester's medians (time to review, effective hourly pay) over their
 *     latest 200 decisions — one bounded read per review statement, not one per row;
 *   - a row trigger on ratings moves the ratee's up/neutral/down counts from the old value to the
 *     new one, so changing a rating replaces it and never stuffs the counts.
 * - `requester_paid_workers`: each (requester, worker) pair with approved work once, so "workers
 *   paid" is counted as pairs first appear.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table ratings (
    rater_id uuid not null references users (id) on delete cascade,
    ratee_id uuid not null references users (id) on delete cascade,
    value smallint not null check (value between -1 and 1),
    assignment_id uuid not null references assignments (id) on delete cascade,
    created_at timestamptz not null,
    updated_at timestamptz not null,
    primary key (rater_id, ratee_id),
    check (rater_id <> ratee_id)
  )`.execute(db);
  // The feed asks "did this requester rate me down / up?" per project owner.
  await sql`create index ratings_ratee_idx on ratings (ratee_id, rater_id, value)`.execute(db);

  await sql`create table user_reputation (
    user_id uuid primary key references users (id) on delete cascade,
    worker_approved integer not null default 0,
    worker_rejected integer not null default 0,
    gold_answered integer not null default 0,
    gold_correct integer not null default 0,
    requester_approved integer not null default 0,
    requester_rejected integer not null default 0,
    median_review_seconds double precision,
    effective_hourly_cents integer,
    workers_paid integer not null default 0,
    ratings_up integer not null default 0,
    ratings_neutral integer not null default 0,
    ratings_down integer not null default 0
  )`.execute(db);

  await sql`create table requester_paid_workers (
    requester_id uuid not null references users (id) on delete cascade,
    worker_id uuid not null references users (id) on delete cascade,
    primary key (requester_id, worker_id)
  )`.execute(db);

  await sql`alter table projects
    add column early_access_minutes integer not null default 0
      check (early_access_minutes between 0 and 10080),
    add column include_rated_down boolean not null default false`.execute(db);

  // A requester's medians over their latest 200 decisions: the time from submit to decision, and
  // the pay per hour of plausible work (at least 5 s and 1 % of the allotted time, as the
  // project work times count it), so that a few instant submissions cannot inflate it.
  await refreshRequesterMedians(plausibleByAllotment).execute(db);

  // Adds a statement's changes of assignments (o: before, n: after; o empty for inserts).
  await sql`create function assignments_reputation_counts() returns trigger
    language plpgsql as $$
      declare owners uuid[];
      begin
        with changed as (
          select n.worker_id, p.owner_id, n.status as new_status,
                 o.status as old_status, n.gold_correct as new_gold, o.gold_correct as old_gold
          from new_rows n
          left join old_rows o on o.id = n.id
          join projects p on p.id = n.project_id
          where n.status is distinct from o.status
             or n.gold_correct is distinct from o.gold_correct
        ),
        deltas as (
          select user_id, sum(wa)::int as wa, sum(wr)::int as wr, sum(ga)::int as ga,
                 sum(gc)::int as gc, sum(ra)::int as ra, sum(rr)::int as rr
          from (
            select worker_id as user_id,
                   (new_status = 'approved')::int - coalesce((old_status = 'approved')::int, 0) as wa,
                   (new_status = 'rejected')::int - coalesce((old_status = 'rejected')::int, 0) as wr,
                   (new_gold is not null)::int - (old_gold is not null)::int as ga,
                   coalesce(new_gold::int, 0) - coalesce(old_gold::int, 0) as gc,
                   0 as ra, 0 as rr
            from changed
            union all
            select owner_id,
                   0, 0, 0, 0,
                   (new_status = 'approved')::int - coalesce((old_status = 'approved')::int, 0),
                   (new_status = 'rejected')::int - coalesce((old_status = 'rejected')::int, 0)
            from changed
          ) x
          group by user_id
          having sum(abs(wa)) + sum(abs(wr)) + sum(abs(ga)) + sum(abs(gc))
               + sum(abs(ra)) + sum(abs(rr)) > 0
        )
        insert into user_reputation as r (user_id, worker_approved, worker_rejected,
          gold_answered, gold_correct, requester_approved, requester_rejected)
        select user_id, wa, wr, ga, gc, ra, rr from deltas
        order by user_id
        on conflict (user_id) do update set
          worker_approved = r.worker_approved + excluded.worker_approved,
          worker_rejected = r.worker_rejected + excluded.worker_rejected,
          gold_answered = r.gold_answered + excluded.gold_answered,
          gold_correct = r.gold_correct + excluded.gold_correct,
          requester_approved = r.requester_approved + excluded.requester_approved,
          requester_rejected = r.requester_rejected + excluded.requester_rejected;

        with firsts as (
          insert into requester_paid_workers (requester_id, worker_id)
          select distinct p.owner_id, n.worker_id
          from new_rows n
          left join old_rows o on o.id = n.id
          join projects p on p.id = n.project_id
          where n.status = 'approved' and o.status is distinct from 'approved'
          on conflict do nothing
          returning requester_id
        )
        insert into user_reputation as r (user_id, workers_paid)
        select requester_id, count(*)::int from firsts group by requester_id
        order by requester_id
        on conflict (user_id) do update set workers_paid = r.workers_paid + excluded.workers_paid;

        select array_agg(distinct p.owner_id order by p.owner_id) into owners
        from new_rows n
        left join old_rows o on o.id = n.id
        join projects p on p.id = n.project_id
        where n.reviewed_at is distinct from o.reviewed_at;
        if owners is not null then
          perform refresh_requester_medians(owners);
        end if;
        return null;
      end $$`.execute(db);
  await sql`create trigger assignments_reputation_on_update
    after update on assignments
    referencing old table as old_rows new table as new_rows
    for each statement execute function assignments_reputation_counts()`.execute(db);
  // Inserts: assignments seeded or imported already decided (a claim inserts 'accepted', which
  // changes no count and returns early through the empty deltas).
  await sql`create function assignments_reputation_inserts() returns trigger
    language plpgsql as $$
      begin
        if exists (select 1 from new_rows where status in ('approved', 'rejected')
                   or gold_correct is not null) then
          perform refresh_user_reputation(array(
            select distinct worker_id from new_rows
            union select distinct p.owner_id from new_rows n join projects p on p.id = n.project_id));
        end if;
        return null;
      end $$`.execute(db);

  // The whole record of some users, recounted: for the backfill below and for inserts.
  await sql`create function refresh_user_reputation(ids uuid[]) returns void
    language sql as $$
      insert into requester_paid_workers (requester_id, worker_id)
      select distinct p.owner_id, a.worker_id
      from assignments a join projects p on p.id = a.project_id
      where a.status = 'approved' and p.owner_id = any(ids)
      on conflict do nothing;
      insert into user_reputation as r (user_id, worker_approved, worker_rejected, gold_answered,
        gold_correct, requester_approved, requester_rejected, workers_paid)
      select u.id,
        (select count(*) from assignments a where a.worker_id = u.id and a.status = 'approved'),
        (select count(*) from assignments a where a.worker_id = u.id and a.status = 'rejected'),
        (select count(*) from assignments a where a.worker_id = u.id and a.gold_correct is not null),
        (select count(*) from assignments a where a.worker_id = u.id and a.gold_correct),
        (select count(*) from assignments a join projects p on p.id = a.project_id
          where p.owner_id = u.id and a.status = 'approved'),
        (select count(*) from assignments a join projects p on p.id = a.project_id
          where p.owner_id = u.id and a.status = 'rejected'),
        (select count(*) from requester_paid_workers w where w.requester_id = u.id)
      from users u where u.id = any(ids)
      order by u.id
      on conflict (user_id) do update set
        worker_approved = excluded.worker_approved,
        worker_rejected = excluded.worker_rejected,
        gold_answered = excluded.gold_answered,
        gold_correct = excluded.gold_correct,
        requester_approved = excluded.requester_approved,
        requester_rejected = excluded.requester_rejected,
        workers_paid = excluded.workers_paid;
      select refresh_requester_medians(ids);
    $$`.execute(db);
  await sql`create trigger assignments_reputation_on_insert
    after insert on assignments
    referencing new table as new_rows
    for each statement execute function assignments_reputation_inserts()`.execute(db);

  await sql`create function ratings_reputation_counts() returns trigger
    language plpgsql as $$
      begin
        if tg_op = 'UPDATE' and old.value = new.value then return null; end if;
        insert into user_reputation as r (user_id, ratings_up, ratings_neutral, ratings_down)
        values (new.ratee_id,
                (new.value = 1)::int - coalesce((old.value = 1)::int, 0),
                (new.value = 0)::int - coalesce((old.value = 0)::int, 0),
                (new.value = -1)::int - coalesce((old.value = -1)::int, 0))
        on conflict (user_id) do update set
          ratings_up = r.ratings_up + excluded.ratings_up,
          ratings_neutral = r.ratings_neutral + excluded.ratings_neutral,
          ratings_down = r.ratings_down + excluded.ratings_down;
        return null;
      end $$`.execute(db);
  await sql`create trigger ratings_reputation
    after insert or update of value on ratings
    for each row execute function ratings_reputation_counts()`.execute(db);

  await sql`select refresh_user_reputation(array(select id from users))`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop trigger assignments_reputation_on_insert on assignments`.execute(db);
  await sql`drop trigger assignments_reputation_on_update on assignments`.execute(db);
  await sql`drop function assignments_reputation_inserts()`.execute(db);
  await sql`drop function assignments_reputation_counts()`.execute(db);
  await sql`drop function refresh_user_reputation(uuid[])`.execute(db);
  await sql`drop function refresh_requester_medians(uuid[])`.execute(db);
  await sql`alter table projects drop column early_access_minutes,
    drop column include_rated_down`.execute(db);
  await sql`drop table requester_paid_workers`.execute(db);
  await sql`drop table user_reputation`.execute(db);
  await sql`drop table ratings`.execute(db);
}
