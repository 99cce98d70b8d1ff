import { sql, type Kysely } from 'kysely';

/**
 * Projects, their uploads (batches) and the tasks the uploads' rows become. A task copies the
 * project's reward and slots when it is created (and while the project is a draft), so what a
 * worker was offered never changes under them.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('projects')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('owner_id', 'uuid', (c) => c.notNull().references('users.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('keywords', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn('instructions', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('draft')
        .check(sql`status in ('draft', 'published', 'paused', 'completed', 'cancelled')`),
    )
    .addColumn('reward_cents', 'integer', (c) => c.notNull().check(sql`reward_cents > 0`))
    .addColumn('assignments_per_task', 'integer', (c) =>
      c.notNull().check(sql`assignments_per_task between 1 and 100`),
    )
    .addColumn('time_allotted_seconds', 'integer', (c) => c.notNull())
    .addColumn('auto_approve_seconds', 'integer', (c) => c.notNull())
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('template', 'jsonb', (c) => c.notNull())
    .addColumn('qualification_requirements', 'jsonb', (c) =>
      c.notNull().defaultTo(sql`'[]'::jsonb`),
    )
    // Kept with each import so lists never count a project's tasks.
    .addColumn('task_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('published_at', 'timestamptz')
    .addColumn('cancelled_at', 'timestamptz')
    .execute();
  await db.schema
    .createIndex('projects_owner_created_idx')
    .on('projects')
    .columns(['owner_id', 'created_at', 'id'])
    .execute();
  await db.schema
    .createIndex('projects_status_idx')
    .on('projects')
    .columns(['status', 'expires_at'])
    .execute();

  await db.schema
    .createTable('batches')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('project_id', 'uuid', (c) =>
      c.notNull().references('projects.id').onDelete('cascade'),
    )
    .addColumn('filename', 'text')
    .addColumn('row_count', 'integer', (c) => c.notNull())
    .addColumn('columns', sql`text[]`, (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('active')
        .check(sql`status in ('active')`),
    )
    .addColumn('escrow_cents', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('idempotency_key', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex('batches_project_created_idx')
    .on('batches')
    .columns(['project_id', 'created_at', 'id'])
    .execute();
  await sql`create unique index batches_idempotency_key on batches (project_id, idempotency_key) where idempotency_key is not null`.execute(
    db,
  );

  // Tasks are written only by a batch import, in the transaction that creates their batch under
  // the locked project, so no foreign keys here: their per-row checks cost ~40% of an import.
  await db.schema
    .createTable('tasks')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    // Insertion order: tasks are listed, and handed out, in the order their rows were uploaded.
    .addColumn('seq', 'bigint', (c) => c.notNull().generatedAlwaysAsIdentity())
    .addColumn('project_id', 'uuid', (c) => c.notNull())
    .addColumn('batch_id', 'uuid', (c) => c.notNull())
    .addColumn('row_number', 'integer', (c) => c.notNull())
    .addColumn('data', 'jsonb', (c) => c.notNull())
    .addColumn('reward_cents', 'integer', (c) => c.notNull().check(sql`reward_cents > 0`))
    .addColumn('assignments_per_task', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex('tasks_project_seq_idx')
    .on('tasks')
    .columns(['project_id', 'seq'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('tasks').execute();
  await db.schema.dropTable('batches').execute();
  await db.schema.dropTable('projects').execute();
}
