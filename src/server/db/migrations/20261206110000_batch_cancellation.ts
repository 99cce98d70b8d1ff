import { sql, type Kysely } from 'kysely';
import { tasksCountOpenFunction } from './shared/open-task-count.js';

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
  await tasksCountOpenFunction({
    replace: true,
    open: 'free slot, not cancelled',
    updatesGoTo: 'project row',
  }).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await tasksCountOpenFunction({
    replace: true,
    open: 'free slot',
    updatesGoTo: 'project row',
  }).execute(db);
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
