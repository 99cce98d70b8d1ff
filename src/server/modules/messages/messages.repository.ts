import { sql, type SqlBool } from 'kysely';
import type { Db } from '../../db/database.js';
import { keyOrderPage, newestFirstPage, type KeysetRequest } from '../../db/pagination.js';

/** Assignments that count as work a worker did or holds for a requester (not given back). */
export const WORKED_STATUSES = ['accepted', 'submitted', 'approved', 'rejected'] as const;

const NIL = '00000000-0000-0000-0000-000000000000';

export type Side = 'requester' | 'worker';

export type ThreadKey = {
  requesterId: string;
  workerId: string;
  projectId: string | null;
  assignmentId: string | null;
};

export type NewMessage = ThreadKey & { senderId: string; sendId: string; body: string };

/** One thread as one of its sides sees it. */
function threadsOf(db: Db, userId: string) {
  return db
    .selectFrom('message_threads as t')
    .innerJoin('users as other', (join) =>
      join.on(
        sql<SqlBool>`other.id = case when t.requester_id = ${userId} then t.worker_id else t.requester_id end`,
      ),
    )
    .leftJoin('projects as p', 'p.id', 't.project_id')
    .select((eb) => [
      't.id',
      't.project_id',
      'p.title as project_title',
      't.assignment_id',
      't.last_message_at',
      'other.id as other_id',
      'other.display_name as other_name',
      sql<Side>`case when t.requester_id = ${userId} then 'requester' else 'worker' end`.as(
        'my_role',
      ),
      sql<boolean>`case when t.requester_id = ${userId} then t.requester_muted else t.worker_muted end`.as(
        'muted',
      ),
      eb
        .selectFrom('messages as m')
        .select(eb.fn.countAll<string>().as('n'))
        .whereRef('m.thread_id', '=', 't.id')
        .where('m.sender_id', '<>', userId)
        .where(
          sql<SqlBool>`m.seq > case when t.requester_id = ${userId} then t.requester_read_seq else t.worker_read_seq end`,
        )
        .as('unread'),
    ])
    .where((eb) => eb.or([eb('t.requester_id', '=', userId), eb('t.worker_id', '=', userId)]));
}

export type ThreadRow = Awaited<ReturnType<ReturnType<typeof threadsOf>['execute']>>[number];

export function createMessagesRepository(db: Db) {
  return {
    /** For reads outside a transaction (the checks before a send). */
    db,

    transaction<T>(work: (trx: Db) => Promise<T>): Promise<T> {
      return db.transaction().execute(work);
    },

    /** Serialises one sender's sends, so two at once cannot both slip under the per-minute limit. */
    async lockSender(trx: Db, senderId: string): Promise<void> {
      await sql`select pg_advisory_xact_lock(hashtext(${`messages:${senderId}`}))`.execute(trx);
    },

    /** The sender's sends since `since` (a broadcast is one) and when the oldest of them was. */
    async sendsSince(trx: Db, senderId: string, since: Date) {
      const row = await trx
        .selectFrom('messages')
        .select((eb) => [
          eb.fn.count<string>('send_id').distinct().as('n'),
          eb.fn.min('created_at').as('oldest'),
        ])
        .where('sender_id', '=', senderId)
        .where('created_at', '>', since)
        .executeTakeFirstOrThrow();
      return { count: Number(row.n), oldest: row.oldest === null ? null : new Date(row.oldest) };
    },

    user(trx: Db, id: string) {
      return trx
        .selectFrom('users')
        .select(['id', 'display_name', 'status'])
        .where('id', '=', id)
        .executeTakeFirst();
    },

    assignment(trx: Db, id: string) {
      return trx
        .selectFrom('assignments as a')
        .innerJoin('projects as p', 'p.id', 'a.project_id')
        .select(['a.id', 'a.worker_id', 'a.project_id', 'a.status', 'p.owner_id'])
        .where('a.id', '=', id)
        .executeTakeFirst();
    },

    project(trx: Db, id: string) {
      return trx
        .selectFrom('projects')
        .select(['id', 'owner_id', 'title'])
        .where('id', '=', id)
        .executeTakeFirst();
    },

    /** Whether the worker did or holds work of the requester's (in one project, when named). */
    async worked(trx: Db, workerId: string, requesterId: string, projectId?: string) {
      let query = trx
        .selectFrom('assignments as a')
        .innerJoin('projects as p', 'p.id', 'a.project_id')
        .select('a.id')
        .where('a.worker_id', '=', workerId)
        .where('p.owner_id', '=', requesterId)
        .where('a.status', 'in', WORKED_STATUSES);
      if (projectId !== undefined) query = query.where('p.id', '=', projectId);
      return (await query.limit(1).executeTakeFirst()) !== undefined;
    },

    /** The active accounts that did or hold work in the project, other than its owner. */
    async projectWorkers(trx: Db, projectId: string, ownerId: string): Promise<string[]> {
      const rows = await trx
        .selectFrom('assignments as a')
        .innerJoin('users as u', 'u.id', 'a.worker_id')
        .select('a.worker_id')
        .distinct()
        .where('a.project_id', '=', projectId)
        .where('a.status', 'in', WORKED_STATUSES)
        .where('u.status', '=', 'active')
        .where('a.worker_id', '<>', ownerId)
        .execute();
      return rows.map((row) => row.worker_id);
    },

    /**
     * Writes messages, each into the thread of its pair and subject (created when new, moved to
     * the top otherwise). Returns, per message, its row and the thread's mute settings.
     */
    async insert(trx: Db, messages: NewMessage[], now: Date) {
      const out = [];
      for (const message of messages) {
        const thread = await sql<{ id: string; requester_muted: boolean; worker_muted: boolean }>`
          insert into message_threads
            (requester_id, worker_id, project_id, assignment_id, created_at, last_message_at)
          values (${message.requesterId}, ${message.workerId}, ${message.projectId},
                  ${message.assignmentId}, ${now}, ${now})
          on conflict (requester_id, worker_id, coalesce(project_id, ${NIL}::uuid),
                       coalesce(assignment_id, ${NIL}::uuid))
          do update set last_message_at = greatest(message_threads.last_message_at,
                                                   excluded.last_message_at)
          returning id, requester_muted, worker_muted`.execute(trx);
        const row = thread.rows[0];
        if (!row) throw new Error('The thread upsert returned no row');
        const inserted = await trx
          .insertInto('messages')
          .values({
            thread_id: row.id,
            sender_id: message.senderId,
            send_id: message.sendId,
            body: message.body,
            created_at: now,
          })
          .returning(['id', 'seq', 'thread_id', 'sender_id', 'body', 'created_at'])
          .executeTakeFirstOrThrow();
        out.push({ message: inserted, thread: row });
      }
      return out;
    },

    /** The user's threads, most recent first; one row more than `limit` says more follow. */
    listThreads(userId: string, page: KeysetRequest) {
      return newestFirstPage(threadsOf(db, userId), ['t.last_message_at', 't.id'], page).execute();
    },

    /** One thread, only if the user is one of its sides. */
    thread(userId: string, threadId: string) {
      return threadsOf(db, userId).where('t.id', '=', threadId).executeTakeFirst();
    },

    /** The newest message of each thread listed. */
    lastMessages(threadIds: string[]) {
      if (threadIds.length === 0) return Promise.resolve([]);
      return db
        .selectFrom('messages')
        .distinctOn('thread_id')
        .select(['id', 'thread_id', 'sender_id', 'body', 'created_at'])
        .where('thread_id', 'in', threadIds)
        .orderBy('thread_id')
        .orderBy('seq', 'desc')
        .execute();
    },

    /** A thread's messages newest first, before the sequence number `beforeSeq` when given. */
    messages(threadId: string, page: { limit: number; beforeSeq?: number | undefined }) {
      const query = db
        .selectFrom('messages')
        .select(['id', 'seq', 'thread_id', 'sender_id', 'body', 'created_at'])
        .where('thread_id', '=', threadId);
      return keyOrderPage(query, 'seq', 'desc', {
        limit: page.limit,
        after: page.beforeSeq,
      }).execute();
    },

    /** Everything in the thread up to now is read by this side. */
    async markRead(threadId: string, side: Side) {
      const column = side === 'requester' ? 'requester_read_seq' : 'worker_read_seq';
      await db
        .updateTable('message_threads')
        .set({
          [column]: sql`greatest(${sql.ref(column)}, coalesce((select max(seq) from messages where thread_id = ${threadId}), 0))`,
        })
        .where('id', '=', threadId)
        .execute();
    },

    async setMuted(threadId: string, side: Side, muted: boolean) {
      await db
        .updateTable('message_threads')
        .set(side === 'requester' ? { requester_muted: muted } : { worker_muted: muted })
        .where('id', '=', threadId)
        .execute();
    },

    /** Unread messages across all the user's threads. */
    async unreadCount(userId: string): Promise<number> {
      const row = await db
        .selectFrom('messages as m')
        .innerJoin('message_threads as t', 't.id', 'm.thread_id')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('m.sender_id', '<>', userId)
        .where((eb) =>
          eb.or([
            eb.and([
              eb('t.requester_id', '=', userId),
              eb('m.seq', '>', eb.ref('t.requester_read_seq')),
            ]),
            eb.and([eb('t.worker_id', '=', userId), eb('m.seq', '>', eb.ref('t.worker_read_seq'))]),
          ]),
        )
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
  };
}

export type MessagesRepository = ReturnType<typeof createMessagesRepository>;
