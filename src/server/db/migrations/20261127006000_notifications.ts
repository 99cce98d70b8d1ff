import { sql, type Kysely } from 'kysely';

/**
 * In-app notifications (approved, rejected, bonus, project finished, escrow returned, payout
 * paid). Written in the same transaction as the change they announce, so a notification is never
 * lost or sent for something that was rolled back.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('notifications')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) =>
      c
        .notNull()
        .check(
          sql`kind in ('assignment_approved', 'assignment_rejected', 'bonus_received', 'project_finished', 'escrow_returned', 'payout_paid')`,
        ),
    )
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('link', 'text')
    .addColumn('read_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  // A user's list, newest first, paged by (created_at, id).
  await sql`create index notifications_user_created_idx
    on notifications (user_id, created_at desc, id desc)`.execute(db);
  // The unread badge and the unread-only list stay cheap however many read ones pile up.
  await sql`create index notifications_user_unread_idx
    on notifications (user_id, created_at desc, id desc) where read_at is null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('notifications').execute();
}
