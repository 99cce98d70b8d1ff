import { sql, type Insertable } from 'kysely';
import type { WebhookEvent } from '../../../shared/api/webhooks.js';
import type { Db } from '../../db/database.js';
import { newestFirstPage, type Keyset } from '../../db/pagination.js';
import type { WebhookDeliveries, Webhooks } from '../../db/schema.js';

const webhookColumns = ['id', 'url', 'events', 'description', 'created_at'] as const;
const deliveryColumns = [
  'id',
  'message_id',
  'event',
  'status',
  'attempts',
  'last_attempt_at',
  'last_status_code',
  'last_response',
  'last_error',
  'next_attempt_at',
  'created_at',
] as const;

export function createWebhooksRepository(db: Db) {
  return {
    /** Inserts unless the user already has `max` webhooks; the count and insert are serialised per user. */
    async insertWithinLimit(row: Insertable<Webhooks>, max: number) {
      return db.transaction().execute(async (trx) => {
        await sql`select pg_advisory_xact_lock(hashtext(${`webhooks:${row.user_id}`}))`.execute(
          trx,
        );
        const { n } = await trx
          .selectFrom('webhooks')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .where('user_id', '=', row.user_id)
          .executeTakeFirstOrThrow();
        if (Number(n) >= max) return undefined;
        return trx
          .insertInto('webhooks')
          .values(row)
          .returning(webhookColumns)
          .executeTakeFirstOrThrow();
      });
    },

    list(userId: string, page: { limit: number; before?: Keyset | undefined }) {
      const query = db.selectFrom('webhooks').select(webhookColumns).where('user_id', '=', userId);
      return newestFirstPage(query, ['created_at', 'id'], page).execute();
    },

    /** The user's webhook with its secret, or undefined (also when it is someone else's). */
    findOwned(userId: string, id: string) {
      return db
        .selectFrom('webhooks')
        .select([...webhookColumns, 'secret'])
        .where('id', '=', id)
        .where('user_id', '=', userId)
        .executeTakeFirst();
    },

    async deleteOwned(userId: string, id: string): Promise<boolean> {
      const result = await db
        .deleteFrom('webhooks')
        .where('id', '=', id)
        .where('user_id', '=', userId)
        .executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },

    /** The user's webhooks that subscribe to `event`. */
    subscribers(userId: string, event: WebhookEvent) {
      return db
        .selectFrom('webhooks')
        .select('id')
        .where('user_id', '=', userId)
        .where(sql<boolean>`${event} = any(events)`)
        .execute();
    },

    async insertDeliveries(rows: Insertable<WebhookDeliveries>[]) {
      if (rows.length === 0) return [];
      return db
        .insertInto('webhook_deliveries')
        .values(rows)
        .returning([...deliveryColumns, 'body', 'give_up_at'])
        .execute();
    },

    listDeliveries(webhookId: string, page: { limit: number; before?: Keyset | undefined }) {
      const query = db
        .selectFrom('webhook_deliveries')
        .select(deliveryColumns)
        .where('webhook_id', '=', webhookId);
      return newestFirstPage(query, ['created_at', 'id'], page).execute();
    },

    /**
     * Claims up to `limit` due deliveries for this instance: their next attempt moves to
     * `leaseUntil`, so another instance (skipping the locked rows now, seeing the moved time
     * later) never sends them at the same time. A crash mid-send leaves the lease to run out and
     * the delivery is tried again then: at least once, with the same webhook-id.
     */
    claimDue(now: Date, leaseUntil: Date, limit: number) {
      return db
        .with('due', (q) =>
          q
            .selectFrom('webhook_deliveries')
            .select('id')
            .where('status', '=', 'pending')
            .where('next_attempt_at', '<=', now)
            .orderBy('next_attempt_at')
            .limit(limit)
            .forUpdate()
            .skipLocked(),
        )
        .updateTable('webhook_deliveries as d')
        .from(['due', 'webhooks as w'])
        .set({ next_attempt_at: leaseUntil })
        .whereRef('d.id', '=', 'due.id')
        .whereRef('w.id', '=', 'd.webhook_id')
        .returning([
          'd.id',
          'd.message_id',
          'd.body',
          'd.attempts',
          'd.give_up_at',
          'd.created_at',
          'w.url',
          'w.secret',
        ])
        .execute();
    },

    /** Records one attempt's outcome. */
    async recordAttempt(
      id: string,
      attempt: {
        at: Date;
        status: 'pending' | 'delivered' | 'failed';
        nextAttemptAt: Date | null;
        statusCode: number | null;
        response: string | null;
        error: string | null;
      },
    ) {
      return db
        .updateTable('webhook_deliveries')
        .set((eb) => ({
          attempts: eb('attempts', '+', 1),
          status: attempt.status,
          next_attempt_at: attempt.nextAttemptAt,
          last_attempt_at: attempt.at,
          last_status_code: attempt.statusCode,
          last_response: attempt.response,
          last_error: attempt.error,
        }))
        .where('id', '=', id)
        .returning(deliveryColumns)
        .executeTakeFirstOrThrow();
    },

    /**
     * Who owns an assignment's project, with the ids an event about it names, when that owner has
     * a webhook for `event` (undefined otherwise: nothing to send).
     */
    assignmentForWebhooks(assignmentId: string, event: WebhookEvent) {
      return db
        .selectFrom('assignments as a')
        .innerJoin('projects as p', 'p.id', 'a.project_id')
        .select(['a.id', 'a.task_id', 'a.project_id', 'a.worker_id', 'p.owner_id'])
        .where('a.id', '=', assignmentId)
        .where((eb) =>
          eb.exists(
            eb
              .selectFrom('webhooks as w')
              .select(sql`1`.as('one'))
              .whereRef('w.user_id', '=', 'p.owner_id')
              .where(sql<boolean>`${event} = any(w.events)`),
          ),
        )
        .executeTakeFirst();
    },

    /**
     * Whether a task has had all its slots worked and none is being worked now: every live
     * assignment submitted or decided, as many as the task asks for.
     */
    async isTaskReviewable(taskId: string): Promise<boolean> {
      const row = await db
        .selectFrom('tasks as t')
        .select((eb) => [
          't.assignments_per_task',
          eb
            .selectFrom('assignments as a')
            .select(eb.fn.countAll<string>().as('n'))
            .whereRef('a.task_id', '=', 't.id')
            .where('a.status', 'in', ['submitted', 'approved', 'rejected'])
            .as('worked'),
          eb
            .selectFrom('assignments as a')
            .select(eb.fn.countAll<string>().as('n'))
            .whereRef('a.task_id', '=', 't.id')
            .where('a.status', '=', 'accepted')
            .as('working'),
        ])
        .where('t.id', '=', taskId)
        .executeTakeFirst();
      return !!row && Number(row.working) === 0 && Number(row.worked) >= row.assignments_per_task;
    },

    projectOwner(projectId: string) {
      return db
        .selectFrom('projects')
        .select(['id', 'owner_id'])
        .where('id', '=', projectId)
        .executeTakeFirst();
    },
  };
}

export type WebhooksRepository = ReturnType<typeof createWebhooksRepository>;
