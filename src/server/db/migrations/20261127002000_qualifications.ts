import { sql, type Kysely } from 'kysely';

/**
 * The system types' ids are a public contract (projects name them in requirements), mirrored in
 * src/shared/api/qualifications.ts; a test checks the two agree.
 */
const SYSTEM_TYPES = [
  {
    id: '00000000-0000-4000-8000-000000000001',
    system_key: 'system.approval_rate',
    name: 'Approval rate',
    description:
      'Percent (0–100, rounded down) of the worker’s reviewed assignments that were approved. A worker with no reviewed work has 100.',
    value_kind: 'integer',
  },
  {
    id: '00000000-0000-4000-8000-000000000002',
    system_key: 'system.approved_count',
    name: 'Approved assignments',
    description: 'How many of the worker’s assignments have been approved.',
    value_kind: 'integer',
  },
  {
    id: '00000000-0000-4000-8000-000000000003',
    system_key: 'system.country',
    name: 'Country',
    description:
      'The country in the worker’s profile (ISO 3166 alpha-2), compared with localeValues. Absent when the worker has not set one.',
    value_kind: 'locale',
  },
];

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('qualification_types')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('owner_id', 'uuid', (c) => c.references('users.id').onDelete('cascade'))
    .addColumn('system_key', 'text', (c) => c.unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('value_kind', 'text', (c) =>
      c
        .notNull()
        .defaultTo('integer')
        .check(sql`value_kind in ('integer', 'locale')`),
    )
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    // A type belongs to a requester or is a system type, never both or neither.
    .addCheckConstraint(
      'qualification_types_owner_or_system',
      sql`(owner_id is null) <> (system_key is null)`,
    )
    .execute();
  await sql`create unique index qualification_types_owner_name_key on qualification_types (owner_id, lower(name))`.execute(
    db,
  );
  await db.schema
    .createIndex('qualification_types_owner_created_idx')
    .on('qualification_types')
    .columns(['owner_id', 'created_at', 'id'])
    .execute();

  await db.schema
    .createTable('qualification_grants')
    .addColumn('type_id', 'uuid', (c) =>
      c.notNull().references('qualification_types.id').onDelete('cascade'),
    )
    .addColumn('worker_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('value', 'integer', (c) => c.notNull())
    .addColumn('granted_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('qualification_grants_pkey', ['type_id', 'worker_id'])
    .execute();
  // A worker's values for the types a feed or an accept asks about.
  await db.schema
    .createIndex('qualification_grants_worker_idx')
    .on('qualification_grants')
    .columns(['worker_id', 'type_id'])
    .execute();
  // A type's holders, newest first.
  await db.schema
    .createIndex('qualification_grants_type_granted_idx')
    .on('qualification_grants')
    .columns(['type_id', 'granted_at', 'worker_id'])
    .execute();

  await db
    .insertInto('qualification_types')
    .values(
      SYSTEM_TYPES.map((type) => ({
        ...type,
        created_at: '2026-11-27T00:20:00Z',
        updated_at: '2026-11-27T00:20:00Z',
      })),
    )
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('qualification_grants').execute();
  await db.schema.dropTable('qualification_types').execute();
}
