import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import { taskReviewableSql } from '../../db/task-reviewable.js';

export type NotificationSettingsRow = {
  hit_type_id: string;
  owner_id: string;
  destination: string;
  transport: string;
  version: string;
  event_types: string[];
  active: boolean;
};

/** HIT types' notification settings (UpdateNotificationSettings), and what an event needs of them. */
export function createNotificationSettingsRepository(db: Db) {
  return {
    find(ownerId: string, hitTypeId: string, trx: Db = db) {
      return trx
        .selectFrom('mturk_notification_settings')
        .selectAll()
        .where('owner_id', '=', ownerId)
        .where('hit_type_id', '=', hitTypeId)
        .executeTakeFirst();
    },

    async save(row: NotificationSettingsRow, now: Date): Promise<void> {
      await db
        .insertInto('mturk_notification_settings')
        .values({ ...row, updated_at: now })
        .onConflict((oc) =>
          oc.column('hit_type_id').doUpdateSet({
            destination: row.destination,
            transport: row.transport,
            version: row.version,
            event_types: row.event_types,
            active: row.active,
            updated_at: now,
          }),
        )
        .execute();
    },

    /** Whether any HIT type on the server has its notifications on. */
    async anyActive(trx: Db = db): Promise<boolean> {
      const row = await trx
        .selectFrom('mturk_notification_settings')
        .select(sql`1`.as('one'))
        .where('active', '=', true)
        .limit(1)
        .executeTakeFirst();
      return row !== undefined;
    },

    /**
     * An assignment's HIT ids with its HIT type's active notification settings (undefined when it
     * is no MTurk HIT or its settings are off), and — when `withReviewable` — whether its HIT is
     * now Reviewable.
     */
    forAssignment(assignmentId: string, withReviewable: boolean, trx: Db = db) {
      return trx
        .selectFrom('assignments as a')
        .innerJoin('tasks as t', 't.id', 'a.task_id')
        .innerJoin('mturk_hit_groups as g', 'g.project_id', 'a.project_id')
        .innerJoin('mturk_notification_settings as s', 's.hit_type_id', 'g.hit_type_id')
        .select([
          'a.id as assignment_id',
          'a.task_id',
          'a.project_id',
          'a.worker_id',
          's.hit_type_id',
          's.owner_id',
          's.destination',
          's.event_types',
        ])
        .select((withReviewable ? taskReviewableSql('t') : sql<boolean>`false`).as('reviewable'))
        .where('a.id', '=', assignmentId)
        .where('s.active', '=', true)
        .executeTakeFirst();
    },
  };
}

export type NotificationSettingsRepository = ReturnType<
  typeof createNotificationSettingsRepository
>;
