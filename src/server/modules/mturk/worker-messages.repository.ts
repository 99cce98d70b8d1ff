import { sql } from 'kysely';
import type { Db } from '../../db/database.js';

/** Who may receive a requester's messages (NotifyWorkers), and the messages sent, for the limits. */
export function createWorkerMessagesRepository(db: Db) {
  return {
    transaction<T>(work: (trx: Db) => Promise<T>): Promise<T> {
      return db.transaction().execute(work);
    },

    /** Serialises one requester's sends, so two calls at once cannot both pass the limits. */
    async lockRequester(trx: Db, requesterId: string): Promise<void> {
      await sql`select pg_advisory_xact_lock(hashtext(${`worker-messages:${requesterId}`}))`.execute(
        trx,
      );
    },

    /**
     * The users among `workerIds` with whether they ever took one of the requester's tasks and how
     * many of the requester's messages they got since `since`. Ids of no user are absent.
     */
    recipients(trx: Db, requesterId: string, workerIds: string[], since: Date) {
      if (workerIds.length === 0) return Promise.resolve([]);
      return trx
        .selectFrom('users as u')
        .select((eb) => [
          'u.id',
          'u.email',
          'u.display_name',
          'u.status',
          'u.email_verified_at',
          eb
            .exists(
              eb
                .selectFrom('assignments as a')
                .innerJoin('projects as p', 'p.id', 'a.project_id')
                .select(sql`1`.as('one'))
                .whereRef('a.worker_id', '=', 'u.id')
                .where('p.owner_id', '=', requesterId),
            )
            .as('worked'),
          eb
            .selectFrom('worker_messages as m')
            .select(eb.fn.countAll<string>().as('n'))
            .where('m.requester_id', '=', requesterId)
            .whereRef('m.worker_id', '=', 'u.id')
            .where('m.created_at', '>', since)
            .as('recent'),
        ])
        .where('u.id', 'in', workerIds)
        .execute();
    },

    async sentSince(trx: Db, requesterId: string, since: Date): Promise<number> {
      const { n } = await trx
        .selectFrom('worker_messages')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('requester_id', '=', requesterId)
        .where('created_at', '>', since)
        .executeTakeFirstOrThrow();
      return Number(n);
    },

    async record(
      trx: Db,
      rows: { requester_id: string; worker_id: string; subject: string; created_at: Date }[],
    ): Promise<void> {
      if (rows.length === 0) return;
      await trx.insertInto('worker_messages').values(rows).execute();
    },
  };
}

export type WorkerMessagesRepository = ReturnType<typeof createWorkerMessagesRepository>;
