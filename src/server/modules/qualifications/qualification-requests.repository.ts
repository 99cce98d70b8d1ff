import type { QualificationRequestStatus } from '../../../shared/api/qualification-requests.js';
import { updatedAny } from '../../db/affected-rows.js';
import type { Db } from '../../db/database.js';
import { fromCursor, newestFirstPage, type CursorRequest } from '../../db/pagination.js';

type Executor = Db;

/** A request with what its presenters show: the type's name and retry delay, the worker's names. */
export type QualificationRequestRow = {
  id: string;
  type_id: string;
  type_name: string;
  /** Requests exist for requester types only, so this is set; null would be a system type. */
  owner_id: string | null;
  retry_delay_seconds: number | null;
  worker_id: string;
  handle: string;
  display_name: string;
  status: QualificationRequestStatus;
  value: number | null;
  reason: string | null;
  created_at: Date;
  decided_at: Date | null;
};

export type RevokedRow = {
  type_id: string;
  worker_id: string;
  value: number;
  reason: string;
  revoked_at: Date;
};

export function createQualificationRequestsRepository(db: Db) {
  function requests(trx: Executor) {
    return trx
      .selectFrom('qualification_requests as r')
      .innerJoin('qualification_types as t', 't.id', 'r.type_id')
      .innerJoin('users as u', 'u.id', 'r.worker_id')
      .select([
        'r.id',
        'r.type_id',
        't.name as type_name',
        't.retry_delay_seconds',
        'r.worker_id',
        'u.handle',
        'u.display_name',
        'r.status',
        'r.value',
        'r.reason',
        'r.created_at',
        'r.decided_at',
        't.owner_id',
      ]);
  }

  return {
    async find(id: string, trx: Executor = db): Promise<QualificationRequestRow | undefined> {
      return requests(trx).where('r.id', '=', id).executeTakeFirst();
    },

    /** The worker's latest request for a type, whatever its status. */
    async latest(
      typeId: string,
      workerId: string,
      trx: Executor = db,
    ): Promise<QualificationRequestRow | undefined> {
      return requests(trx)
        .where('r.type_id', '=', typeId)
        .where('r.worker_id', '=', workerId)
        .orderBy('r.created_at', 'desc')
        .orderBy('r.id', 'desc')
        .limit(1)
        .executeTakeFirst();
    },

    async insert(
      request: { typeId: string; workerId: string; now: Date },
      trx: Executor = db,
    ): Promise<string> {
      const row = await trx
        .insertInto('qualification_requests')
        .values({
          type_id: request.typeId,
          worker_id: request.workerId,
          created_at: request.now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },

    /** Decides a pending request; false when it was no longer pending (decided meanwhile). */
    async decide(
      id: string,
      decision:
        | { status: 'granted'; value: number; now: Date }
        | { status: 'refused'; reason: string; now: Date },
      trx: Executor = db,
    ): Promise<boolean> {
      return updatedAny(
        trx
          .updateTable('qualification_requests')
          .set({
            status: decision.status,
            decided_at: decision.now,
            ...(decision.status === 'granted'
              ? { value: decision.value }
              : { reason: decision.reason }),
          })
          .where('id', '=', id)
          .where('status', '=', 'pending'),
      );
    },

    /** Refuses every pending request for a type (MTurk does so when a type is deleted). */
    async refuseAllPending(
      typeId: string,
      reason: string,
      now: Date,
      trx: Executor = db,
    ): Promise<{ id: string; worker_id: string }[]> {
      return trx
        .updateTable('qualification_requests')
        .set({ status: 'refused', reason, decided_at: now })
        .where('type_id', '=', typeId)
        .where('status', '=', 'pending')
        .returning(['id', 'worker_id'])
        .execute();
    },

    /** Requests for the owner's types, newest first; only live (not disposed) types. */
    async listForOwner(
      ownerId: string,
      filter: CursorRequest & {
        typeId?: string | undefined;
        status?: QualificationRequestStatus | undefined;
      },
      trx: Executor = db,
    ): Promise<QualificationRequestRow[]> {
      let query = requests(trx)
        .where('t.owner_id', '=', ownerId)
        .where('t.disposed_at', 'is', null);
      if (filter.typeId) query = query.where('r.type_id', '=', filter.typeId);
      if (filter.status) query = query.where('r.status', '=', filter.status);
      return newestFirstPage(query, ['r.created_at', 'r.id'], fromCursor(filter)).execute();
    },

    async listForWorker(
      workerId: string,
      filter: CursorRequest & { typeId?: string | undefined },
      trx: Executor = db,
    ): Promise<QualificationRequestRow[]> {
      let query = requests(trx).where('r.worker_id', '=', workerId);
      if (filter.typeId) query = query.where('r.type_id', '=', filter.typeId);
      return newestFirstPage(query, ['r.created_at', 'r.id'], fromCursor(filter)).execute();
    },

    /** A grant ends a past revocation: the worker holds the type again. */
    async forgetRevocation(typeId: string, workerId: string, trx: Executor = db): Promise<void> {
      await trx
        .deleteFrom('qualification_revocations')
        .where('type_id', '=', typeId)
        .where('worker_id', '=', workerId)
        .execute();
    },

    async recordRevocation(row: RevokedRow, trx: Executor = db): Promise<void> {
      await trx
        .insertInto('qualification_revocations')
        .values(row)
        .onConflict((oc) =>
          oc.columns(['type_id', 'worker_id']).doUpdateSet((eb) => ({
            value: eb.ref('excluded.value'),
            reason: eb.ref('excluded.reason'),
            revoked_at: eb.ref('excluded.revoked_at'),
          })),
        )
        .execute();
    },

    async findRevocation(
      typeId: string,
      workerId: string,
      trx: Executor = db,
    ): Promise<RevokedRow | undefined> {
      return trx
        .selectFrom('qualification_revocations')
        .selectAll()
        .where('type_id', '=', typeId)
        .where('worker_id', '=', workerId)
        .executeTakeFirst();
    },

    async listRevoked(
      typeId: string,
      filter: CursorRequest,
      trx: Executor = db,
    ): Promise<RevokedRow[]> {
      const query = trx
        .selectFrom('qualification_revocations as r')
        .selectAll('r')
        .where('r.type_id', '=', typeId);
      return newestFirstPage(query, ['r.revoked_at', 'r.worker_id'], fromCursor(filter)).execute();
    },
  };
}

export type QualificationRequestsRepository = ReturnType<
  typeof createQualificationRequestsRepository
>;
