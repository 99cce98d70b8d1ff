import { isUuid } from '../../../shared/api/qualifications.js';
import type { Db } from '../../db/database.js';
import { pageFrom } from '../../db/pagination.js';
import { isUniqueViolation } from '../../db/pg-errors.js';
import { ConflictError, NotFoundError, TooManyRequestsError } from '../../errors.js';
import type { Clock } from '../../lib/clock.js';
import { announce, type Notify } from '../notifications/notices.js';
import {
  createQualificationRequestsRepository,
  type QualificationRequestRow,
} from './qualification-requests.repository.js';
import { createQualificationsRepository } from './qualifications.repository.js';

/** Where a worker's qualification notices lead: the work they can now find. */
const FIND_WORK = '/work';

/** When a refused worker may ask again; null when the type takes one request only. */
export function requestAgainAt(row: QualificationRequestRow): Date | null {
  if (row.status !== 'refused' || row.retry_delay_seconds === null) return null;
  return new Date(row.created_at.getTime() + row.retry_delay_seconds * 1000);
}

function requestDecided(row: QualificationRequestRow) {
  return new ConflictError(
    'request_decided',
    `This request was already ${row.status === 'granted' ? 'granted' : 'refused'}.`,
  );
}

/**
 * Workers' requests for requestable qualification types (MTurk's QualificationRequest): a worker
 * asks, the type's owner grants with a value or refuses with a reason; an auto-granted type
 * grants at once. A type with a test is obtained by taking the test, not through a request.
 */
export function createQualificationRequestsService(deps: {
  db: Db;
  clock: Clock;
  notify?: Notify | undefined;
}) {
  const { db, clock } = deps;
  const types = createQualificationsRepository(db);
  const requests = createQualificationRequestsRepository(db);

  async function grantInside(
    trx: Db,
    row: { id: string; type_id: string; type_name: string; worker_id: string },
    value: number,
  ) {
    const now = clock.now();
    await requests.forgetRevocation(row.type_id, row.worker_id, trx);
    await types.upsertGrant({ typeId: row.type_id, workerId: row.worker_id, value, now }, trx);
    await announce(deps.notify, trx, [
      {
        userId: row.worker_id,
        kind: 'qualification_granted',
        title: `You were granted “${row.type_name}”`,
        body: `Your value: ${value}. Projects that require it are open to you now.`,
        link: FIND_WORK,
      },
    ]);
  }

  /** The owner's request, or NotFound: another requester's request is reported as missing. */
  async function requireOwnRequest(ownerId: string, requestId: string) {
    const row = isUuid(requestId) ? await requests.find(requestId) : undefined;
    if (!row || row.owner_id !== ownerId) throw new NotFoundError('Qualification request');
    return row;
  }

  async function requireRequest(id: string) {
    const row = await requests.find(id);
    if (!row) throw new NotFoundError('Qualification request');
    return row;
  }

  return {
    async request(workerId: string, typeId: string): Promise<QualificationRequestRow> {
      const type = isUuid(typeId) ? await types.findRequesterType(typeId) : undefined;
      if (!type) throw new NotFoundError('Qualification type');
      if (!type.requestable) {
        throw new ConflictError(
          'not_requestable',
          `“${type.name}” cannot be requested: its owner grants it to workers they choose.`,
        );
      }
      if (!type.active) {
        throw new ConflictError(
          'qualification_type_inactive',
          `“${type.name}” is inactive: its owner is not taking requests for it now.`,
        );
      }
      if (await types.findGrant(type.id, workerId)) {
        throw new ConflictError('already_qualified', `You already hold “${type.name}”.`);
      }
      const last = await requests.latest(type.id, workerId);
      if (last?.status === 'pending') {
        throw new ConflictError(
          'request_pending',
          `You have already asked for “${type.name}”; the requester has not answered yet.`,
        );
      }
      if (last) {
        // MTurk's rule: the delay counts from the last request; without one, a worker asks once.
        if (type.retry_delay_seconds === null) {
          throw new ConflictError(
            'already_requested',
            `You have already asked for “${type.name}”, and it can be requested only once.`,
          );
        }
        const again = last.created_at.getTime() + type.retry_delay_seconds * 1000;
        const wait = Math.ceil((again - clock.now().getTime()) / 1000);
        if (wait > 0) {
          throw new TooManyRequestsError(
            'retry_later',
            `You can ask for “${type.name}” again from ${new Date(again).toISOString()}.`,
            wait,
          );
        }
      }
      try {
        const id = await db.transaction().execute(async (trx) => {
          const inserted = await requests.insert(
            { typeId: type.id, workerId, now: clock.now() },
            trx,
          );
          if (type.auto_granted) {
            await requests.decide(
              inserted,
              { status: 'granted', value: type.auto_granted_value, now: clock.now() },
              trx,
            );
            await grantInside(
              trx,
              { id: inserted, type_id: type.id, type_name: type.name, worker_id: workerId },
              type.auto_granted_value,
            );
          }
          return inserted;
        });
        return requireRequest(id);
      } catch (error) {
        // Two requests at once: the unique pending index lets one through.
        if (isUniqueViolation(error, 'qualification_requests_pending_key')) {
          throw new ConflictError(
            'request_pending',
            `You have already asked for “${type.name}”; the requester has not answered yet.`,
          );
        }
        throw error;
      }
    },

    async listMine(
      workerId: string,
      filter: {
        qualificationTypeId?: string | undefined;
        cursor?: string | undefined;
        limit: number;
      },
    ) {
      const rows = await requests.listForWorker(workerId, {
        ...filter,
        typeId: filter.qualificationTypeId,
      });
      return pageFrom(rows, filter.limit);
    },

    async listForOwner(
      ownerId: string,
      filter: {
        qualificationTypeId?: string | undefined;
        status?: QualificationRequestRow['status'] | undefined;
        cursor?: string | undefined;
        limit: number;
      },
    ) {
      const rows = await requests.listForOwner(ownerId, {
        ...filter,
        typeId: filter.qualificationTypeId,
      });
      return pageFrom(rows, filter.limit);
    },

    /** Grants a pending request; the worker holds the type with `value` and is told so. */
    async grant(ownerId: string, requestId: string, value: number) {
      const row = await requireOwnRequest(ownerId, requestId);
      const decided = await db.transaction().execute(async (trx) => {
        if (!(await requests.decide(row.id, { status: 'granted', value, now: clock.now() }, trx)))
          return false;
        await grantInside(trx, row, value);
        return true;
      });
      if (!decided) throw requestDecided(await requireRequest(row.id));
      return requireRequest(row.id);
    },

    /** Refuses a pending request; the worker sees the reason, and when they may ask again. */
    async refuse(ownerId: string, requestId: string, reason: string) {
      const row = await requireOwnRequest(ownerId, requestId);
      const decided = await db.transaction().execute(async (trx) => {
        const now = clock.now();
        if (!(await requests.decide(row.id, { status: 'refused', reason, now }, trx))) return false;
        const again = requestAgainAt({ ...row, status: 'refused' });
        await announce(deps.notify, trx, [
          {
            userId: row.worker_id,
            kind: 'qualification_refused',
            title: `Your request for “${row.type_name}” was refused`,
            body: [
              reason,
              again
                ? `You can ask again from ${again.toISOString()}.`
                : 'It cannot be requested again.',
            ]
              .filter((line) => line !== '')
              .join('\n\n'),
            link: FIND_WORK,
          },
        ]);
        return true;
      });
      if (!decided) throw requestDecided(await requireRequest(row.id));
      return requireRequest(row.id);
    },

    /** Refuses every open request for a type that is being deleted (MTurk's rule). */
    async refuseAllPending(trx: Db, typeId: string, reason: string) {
      return requests.refuseAllPending(typeId, reason, clock.now(), trx);
    },

    /** Tells a worker a requester granted them a type directly (MTurk's SendNotification). */
    async announceGrant(workerId: string, typeName: string, value: number) {
      await db.transaction().execute((trx) =>
        announce(deps.notify, trx, [
          {
            userId: workerId,
            kind: 'qualification_granted',
            title: `You were granted “${typeName}”`,
            body: `Your value: ${value}.`,
            link: FIND_WORK,
          },
        ]),
      );
    },
  };
}

export type QualificationRequestsService = ReturnType<typeof createQualificationRequestsService>;
