import { sql, type Insertable } from 'kysely';
import type { WebhookEvent } from '../../../shared/api/webhooks.js';
import { deletedAny } from '../../db/affected-rows.js';
import type { Db } from '../../db/database.js';
import { taskReviewableSql } from '../../db/task-reviewable.js';
import { newestFirstPage, type KeysetRequest } from '../../db/pagination.js';
import type { WebhookDeliveries, Webhooks } from '../../db/schema.js';

const webhookColumns = ['id', 'url', 'events', 'description', 'created_at'] as const;
/** A webhook's signing secret as stored: sealed, or (made before sealing, until the server seals it) not. */
const secretColumns = ['secret_ciphertext', 'unsealed_secret'] as const;
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

    list(userId: string, page: KeysetRequest) {
      const query = db.selectFrom('webhooks').select(webhookColumns).where('user_id', '=', userId);
      return newestFirstPage(query, ['created_at', 'id'], page).execute();
    },

    /** The user's webhook with its stored secret, or undefined (also when it is someone else's). */
    findOwned(userId: string, id: string, trx: Db = db) {
      return trx
        .selectFrom('webhooks')
        .select([...webhookColumns, ...secretColumns])
        .where('id', '=', id)
        .where('user_id', '=', userId)
        .executeTakeFirst();
    },

    findByUrl(userId: string, url: string, trx: Db = db) {
      return trx
        .selectFrom('webhooks')
        .select(webhookColumns)
        .where('user_id', '=', userId)
        .where('url', '=', url)
        .orderBy('created_at')
        .executeTakeFirst();
    },

    async deleteOwned(userId: string, id: string): Promise<boolean> {
      return deletedAny(
        db.deleteFrom('webhooks').where('id', '=', id).where('user_id', '=', userId),
      );
    },

    /** The user's webhooks that subscribe to `event`. */
    subscribers(userId: string, event: WebhookEvent, trx: Db = db) {
      return trx
        .selectFrom('webhooks')
        .select('id')
        .where('user_id', '=', userId)
        .where(sql<boolean>`${event} = any(events)`)
        .execute();
    },

    /** In `trx` when the deliveries belong to a change: they commit with it or not at all. */
    async insertDeliveries(rows: Insertable<WebhookDeliveries>[], trx: Db = db) {
      if (rows.length === 0) return [];
      return trx
        .insertInto('webhook_deliveries')
        .values(rows)
        .returning([...deliveryColumns, 'body', 'give_up_at'])
        .execute();
    },

    listDeliveries(webhookId: string, page: KeysetRequest) {
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
          'w.secret_ciphertext',
          'w.unsealed_secret',
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

    /** Webhooks whose secret is not sealed with the server key `keyId` (made before, or rotated). */
    listSecretsToSeal(keyId: string) {
      return db
        .selectFrom('webhooks')
        .select(['id', ...secretColumns])
        .where((eb) =>
          eb.or([
            eb('unsealed_secret', 'is not', null),
            eb('encryption_key_id', 'is distinct from', keyId),
          ]),
        )
        .execute();
    },

    /** Stores a webhook's secret sealed, unless another instance changed it first. */
    async sealSecret(
      id: string,
      before: { secret_ciphertext: string | null; unsealed_secret: string | null },
      after: { ciphertext: string; keyId: string },
    ): Promise<void> {
      await db
        .updateTable('webhooks')
        .set({
          secret_ciphertext: after.ciphertext,
          encryption_key_id: after.keyId,
          unsealed_secret: null,
        })
        .where('id', '=', id)
        .where('secret_ciphertext', 'is not distinct from', before.secret_ciphertext)
        .where('unsealed_secret', 'is not distinct from', before.unsealed_secret)
        .execute();
    },

    /** Every event some webhook subscribes to. */
    async subscribedEvents(trx: Db = db): Promise<Set<WebhookEvent>> {
      const rows = await trx
        .selectFrom('webhooks')
        .select(sql<WebhookEvent>`unnest(events)`.as('event'))
        .distinct()
        .execute();
      return new Set(rows.map((row) => row.event));
    },

    /**
     * In one statement: an assignment's ids and its project's owner, whether that owner has a
     * webhook for `event`, and — when `withReviewable` — whether its task now has every slot
     * worked and none being worked (`task.reviewable`, when the owner subscribes to that).
     */
    async assignmentForWebhooks(
      assignmentId: string,
      event: WebhookEvent,
      withReviewable: boolean,
      trx: Db = db,
    ) {
      const wants = (name: WebhookEvent) =>
        sql<boolean>`exists (select 1 from webhooks w where w.user_id = p.owner_id and ${name} = any(w.events))`;
      const row = await trx
        .selectFrom('assignments as a')
        .innerJoin('projects as p', 'p.id', 'a.project_id')
        .innerJoin('tasks as t', 't.id', 'a.task_id')
        .select(['a.id', 'a.task_id', 'a.project_id', 'a.worker_id', 'p.owner_id'])
        .select(wants(event).as('wants_event'))
        .select(
          withReviewable
            ? sql<boolean>`${wants('task.reviewable')} and ${taskReviewableSql('t')}`.as(
                'reviewable',
              )
            : sql<boolean>`false`.as('reviewable'),
        )
        .where('a.id', '=', assignmentId)
        .executeTakeFirst();
      return row && (row.wants_event || row.reviewable) ? row : undefined;
    },
  };
}

export type WebhooksRepository = ReturnType<typeof createWebhooksRepository>;
