import { sql, type Kysely } from 'kysely';

/**
 * Withdrawing a batch. A draft's batch is simply deleted; a published project's batch is
 * cancelled: its tasks are marked (`tasks.cancelled_at`), their free slots are removed
 * (`assignments_per_task` lowered to the slots held) and the escrow of those slots returns to the
 * requester. A cancelled task never offers a slot again: one freed later (a return, an expiry, a
 * rejection) is not open to workers, is left out of `projects.open_tasks`, and is removed by a
 * sweep that returns its escrow too (`tasks_cancelled_free_idx` finds them).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table batches drop constraint batches_status_check`.execute(db);
  await sql`alter table batches add constraint batches_status_check
    check (status in ('active', 'cancelled'))`.execute(db);
  await sql`alter table batches add column cancelled_at timestamptz`.execute(db);
  // Escrow the cancellation returned: at once, and as the sweep removes slots freed later.
  await sql`alter table batches add column released_cents bigint not null default 0`.execute(db);
  await sql`alter table tasks add column cancelled_at timestamptz`.execute(db);
  await sql`create index tasks_cancelled_free_idx on tasks (project_id)
    where cancelled_at is not null and live_assignments < assignments_per_task`.execute(db);
  // The open-task trigger of 20261128002000, with a cancelled task never open.
  await sql`create or replace function tasks_count_open() returns trigger language plpgsql as $$
    begin
      if tg_op = 'INSERT' then
        update projects p set open_tasks = p.open_tasks + d.n
        from (select project_id, count(*)::int as n from new_tasks
              where live_assignments < assignments_per_task and cancelled_at is null group by project_id) d
        where p.id = d.project_id;
      elsif tg_op = 'DELETE' then
        update projects p set open_tasks = p.open_tasks - d.n
        from (select project_id, count(*)::int as n from old_tasks
              where live_assignments < assignments_per_task and cancelled_at is null group by project_id) d
        where p.id = d.project_id;
      else
        update projects p set open_tasks = p.open_tasks + d.n
        from (select n.project_id,
                     sum((n.live_assignments < n.assignments_per_task and n.cancelled_at is null)::int
                         - (o.live_assignments < o.assignments_per_task and o.cancelled_at is null)::int)::int as n
              from new_tasks n join old_tasks o on o.id = n.id
              group by n.project_id) d
        where p.id = d.project_id and d.n <> 0;
      end if;
      return null;
    end $$`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`create or replace function tasks_count_open() returns trigger language plpgsql as $$
    begin
      if tg_op = 'INSERT' then
        update projects p set open_tasks = p.open_tasks + d.n
        from (select project_id, count(*)::int as n from new_tasks
              where live_assignments < assignments_per_task group by project_id) d
        where p.id = d.project_id;
      elsif tg_op = 'DELETE' then
        update projects p set open_tasks = p.open_tasks - d.n
        from (select project_id, count(*)::int as n from old_tasks
              where live_assignments < assignments_per_task group by project_id) d
        where p.id = d.project_id;
      else
        update projects p set open_tasks = p.open_tasks + d.n
        from (select n.project_id,
                     sum((n.live_assignments < n.assignments_per_task)::int
                         - (o.live_assignments < o.assignments_per_task)::int)::int as n
              from new_tasks n join old_tasks o on o.id = n.id
              group by n.project_id) d
        where p.id = d.project_id and d.n <> 0;
      end if;
      return null;
    end $$`.execute(db);
  await sql`drop index tasks_cancelled_free_idx`.execute(db);
  await sql`alter table tasks drop column cancelled_at`.execute(db);
  await sql`alter table batches drop column released_cents`.execute(db);
  await sql`alter table batches drop column cancelled_at`.execute(db);
  await sql`update batches set status = 'active' where status = 'cancelled'`.execute(db);
  await sql`alter table batches drop constraint batches_status_check`.execute(db);
  await sql`alter table batches add constraint batches_status_check check (status in ('active'))`.execute(
    db,
  );
}
