import { sql, type Kysely } from 'kysely';

/**
 * Assignments (one worker's work on one task) and requester blocks.
 *
 * `tasks.live_assignments` counts a task's accepted, submitted and approved assignments, kept in
 * the same transaction as every change of state, so that handing out a slot is one indexed
 * `FOR UPDATE SKIP LOCKED` claim instead of counting assignments under contention.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('tasks')
    .addColumn('live_assignments', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await sql`alter table tasks add constraint tasks_live_assignments_check
    check (live_assignments between 0 and assignments_per_task)`.execute(db);
  // The claim's search: open tasks of a project in upload order.
  await sql`create index tasks_open_idx on tasks (project_id, seq)
    where live_assignments < assignments_per_task`.execute(db);

  await db.schema
    .createTable('assignments')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('task_id', 'uuid', (c) => c.notNull().references('tasks.id').onDelete('cascade'))
    .addColumn('project_id', 'uuid', (c) =>
      c.notNull().references('projects.id').onDelete('cascade'),
    )
    .addColumn('worker_id', 'uuid', (c) => c.notNull().references('users.id'))
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('accepted')
        .check(
          sql`status in ('accepted', 'submitted', 'approved', 'rejected', 'returned', 'expired')`,
        ),
    )
    .addColumn('reward_cents', 'integer', (c) => c.notNull())
    .addColumn('accepted_at', 'timestamptz', (c) => c.notNull())
    .addColumn('deadline', 'timestamptz', (c) => c.notNull())
    .addColumn('submitted_at', 'timestamptz')
    .addColumn('answers', 'jsonb')
    .addColumn('returned_at', 'timestamptz')
    .addColumn('expired_at', 'timestamptz')
    .addColumn('auto_approve_at', 'timestamptz')
    .addColumn('reviewed_at', 'timestamptz')
    .addColumn('reviewed_by', 'uuid')
    .addColumn('feedback', 'text')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex('assignments_task_worker_key')
    .on('assignments')
    .columns(['task_id', 'worker_id'])
    .unique()
    .execute();
  await db.schema
    .createIndex('assignments_worker_status_idx')
    .on('assignments')
    .columns(['worker_id', 'status', 'accepted_at'])
    .execute();
  await db.schema
    .createIndex('assignments_project_status_idx')
    .on('assignments')
    .columns(['project_id', 'status', 'submitted_at'])
    .execute();
  // The expiry sweep and the lazy expiry on accept look only at accepted work by deadline.
  await sql`create index assignments_accepted_deadline_idx on assignments (deadline)
    where status = 'accepted'`.execute(db);
  await sql`create index assignments_auto_approve_idx on assignments (auto_approve_at)
    where status = 'submitted'`.execute(db);

  await db.schema
    .createTable('blocks')
    .addColumn('requester_id', 'uuid', (c) =>
      c.notNull().references('users.id').onDelete('cascade'),
    )
    .addColumn('worker_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('blocks_pkey', ['requester_id', 'worker_id'])
    .execute();
  await db.schema.createIndex('blocks_worker_idx').on('blocks').column('worker_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('blocks').execute();
  await db.schema.dropTable('assignments').execute();
  await sql`drop index tasks_open_idx`.execute(db);
  await db.schema.alterTable('tasks').dropColumn('live_assignments').execute();
}
