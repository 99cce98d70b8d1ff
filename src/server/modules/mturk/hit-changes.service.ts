import { PROJECT_LIMITS } from '../../../shared/api/projects.js';
import { isUuid } from '../../../shared/api/qualifications.js';
import type { Db } from '../../db/database.js';
import type { Clock } from '../../lib/clock.js';
import type { IdempotencyKeys } from '../idempotency/idempotency.service.js';
import type { LedgerService } from '../ledger/ledger.service.js';
import type { ProjectsService } from '../projects/projects.service.js';
import type { HitChangesRepository, LockedTask } from './hit-changes.repository.js';
import type { HitMovesService } from './hit-moves.service.js';
import { hitStatusOf, maxAssignmentsOf } from './hit-presenter.js';
import type { HitRow, HitsRepository } from './hits.repository.js';
import { hitDoesNotExist } from './hits.service.js';
import { asRequestError, requestError } from './mturk-errors.js';
import type { HitEventType } from './mturk-notifications.js';
import { uniqueRequestTokenScope } from './unique-request-token.js';

/** Projects whose escrow is still held slot by slot; a closed project's is the settlement's. */
const LIVE = ['published', 'paused'];

/** MTurk's rule: a HIT created with fewer than 10 assignments stays under 10. */
const SMALL_HIT_LIMIT = 10;

const NOT_DISPOSED = ['Assignable', 'Unassignable', 'Reviewable', 'Reviewing'];

const invalidState = (hitId: string, status: string, allowed: string[]) =>
  requestError(
    `The HIT ${hitId} is ${status}; this operation can be called with a status of: ${allowed.join(', ')}.`,
    'AWS.MechanicalTurk.InvalidHITState',
  );

/**
 * The changes to one existing HIT: UpdateExpirationForHIT, DeleteHIT and
 * CreateAdditionalAssignmentsForHIT. Each is one transaction holding the HIT's project locked;
 * the money moves through the ledger in it, and the HIT type's notification is queued in it too.
 */
export function createHitChangesService(deps: {
  changes: HitChangesRepository;
  hits: Pick<HitsRepository, 'findHit'>;
  ledger: Pick<LedgerService, 'escrowForProject' | 'releaseEscrow' | 'feeFor'>;
  projects: Pick<ProjectsService, 'update'>;
  moves: Pick<HitMovesService, 'expireSooner'>;
  idempotency: Pick<IdempotencyKeys, 'once'>;
  /** Queues the HIT type's notification of `type`, in `trx` (the change's transaction). */
  notify: (trx: Db, ownerId: string, hit: HitRow, type: HitEventType) => Promise<void>;
  clock: Clock;
}) {
  const { changes, ledger, clock } = deps;
  const slotCents = (rewardCents: number) => rewardCents + ledger.feeFor(rewardCents);

  /** The owner's HIT with its project locked for the rest of `trx`, read after the lock. */
  async function lockedHit(trx: Db, ownerId: string, hitId: string, now: Date) {
    const task = isUuid(hitId) ? await changes.lockTask(trx, ownerId, hitId) : undefined;
    const hit = task && (await deps.hits.findHit(ownerId, hitId, now, trx));
    if (!task || !hit) throw hitDoesNotExist(hitId);
    return { task, hit };
  }

  /** Withdraws the HIT's task and returns the escrow of its free slots, in `trx`. */
  async function withdraw(trx: Db, ownerId: string, task: LockedTask, now: Date, why: string) {
    const freed = await changes.withdrawTask(trx, task.task_id, now);
    if (freed === 0 || !LIVE.includes(task.project_status)) return;
    const cents = freed * slotCents(task.reward_cents);
    await ledger.releaseEscrow(trx, {
      requesterId: ownerId,
      projectId: task.project_id,
      amountCents: cents,
      memo: `${why} in “${task.project_title}”: the slots nobody had taken`,
    });
    await changes.addReleasedCents(trx, task.batch_id, cents);
  }

  return {
    /**
     * UpdateExpirationForHIT. A time now or past expires the HIT at once: no new accepts, work in
     * progress may still be submitted. A later time moves the expiry of the HIT's group (its
     * Tessera project), which its HITs share; a sooner one in the future gives the HIT that
     * expiry alone (`HitMovesService.expireSooner`).
     */
    async updateExpiration(ownerId: string, hitId: string, expireAt: Date): Promise<void> {
      const now = clock.now();
      if (expireAt <= now) {
        await changes.transaction(async (trx) => {
          const { task, hit } = await lockedHit(trx, ownerId, hitId, now);
          const status = hitStatusOf(hit, now);
          if (status === 'Disposed') throw invalidState(hitId, status, NOT_DISPOSED);
          // Expired before: nothing changes, and no second HITExpired is sent.
          if (hit.hit_expired_at !== null) return;
          await changes.markHit(trx, hit.task_id, {
            expired_at: now,
            max_assignments: maxAssignmentsOf(hit),
          });
          await withdraw(trx, ownerId, task, now, `HIT ${hitId} expired`);
          await deps.notify(trx, ownerId, hit, 'HITExpired');
        });
        return;
      }
      const hit = isUuid(hitId) ? await deps.hits.findHit(ownerId, hitId, now) : undefined;
      if (!hit) throw hitDoesNotExist(hitId);
      if (hit.hit_expired_at !== null || hitStatusOf(hit, now) === 'Disposed') {
        throw requestError(
          `The HIT ${hitId} was expired with UpdateExpirationForHIT or deleted; its slots were given back, so it cannot be extended on this server. Create a new HIT instead.`,
          'AWS.MechanicalTurk.InvalidHITState',
        );
      }
      if (expireAt < hit.expires_at) {
        await deps.moves.expireSooner(ownerId, hitId, expireAt);
        return;
      }
      await asRequestError(() =>
        deps.projects.update(
          ownerId,
          hit.project_id,
          { expiresAt: expireAt.toISOString() },
          (trx) => deps.notify(trx, ownerId, hit, 'HITExtended'),
        ),
      );
    },

    /**
     * DeleteHIT: a Reviewable (or Reviewing) HIT whose submitted work is all approved or rejected
     * is disposed of; what its escrow still holds goes back to the requester.
     */
    async dispose(ownerId: string, hitId: string): Promise<void> {
      await changes.transaction(async (trx) => {
        const now = clock.now();
        const { task, hit } = await lockedHit(trx, ownerId, hitId, now);
        const status = hitStatusOf(hit, now);
        if (status !== 'Reviewable' && status !== 'Reviewing') {
          throw invalidState(hitId, status, ['Reviewable', 'Reviewing']);
        }
        if (hit.submitted > 0) {
          throw requestError(
            `The HIT ${hitId} has ${hit.submitted} submitted assignment${hit.submitted === 1 ? '' : 's'} not yet approved or rejected; review them before you delete it.`,
            'AWS.MechanicalTurk.InvalidHITState',
          );
        }
        await changes.markHit(trx, hit.task_id, {
          disposed_at: now,
          max_assignments: maxAssignmentsOf(hit),
        });
        await withdraw(trx, ownerId, task, now, `HIT ${hitId} deleted`);
        await deps.notify(trx, ownerId, hit, 'HITDisposed');
      });
    },

    /**
     * CreateAdditionalAssignmentsForHIT: more slots on an open HIT, their reward and fee escrowed
     * from the available balance in the same transaction. A UniqueRequestToken used before is a
     * RequestError and adds nothing.
     */
    async addAssignments(
      ownerId: string,
      hitId: string,
      additional: number,
      uniqueRequestToken: string | undefined,
    ): Promise<void> {
      const scope = uniqueRequestTokenScope(
        ownerId,
        'CreateAdditionalAssignmentsForHIT',
        uniqueRequestToken,
      );
      const { replayed } = await asRequestError(() =>
        changes.transaction((trx) =>
          deps.idempotency.once(
            trx,
            scope,
            { hitId, additional },
            {
              effect: () => addSlots(trx, ownerId, hitId, additional),
              resourceOf: () => hitId,
              replay: async (resourceId) => resourceId,
            },
          ),
        ),
      );
      if (replayed) {
        throw requestError(
          `The UniqueRequestToken ${uniqueRequestToken} was used before: its assignments were added to HIT ${hitId} then, and none are added now.`,
          'AWS.MechanicalTurk.DuplicateRequest',
        );
      }
    },
  };

  async function addSlots(trx: Db, ownerId: string, hitId: string, additional: number) {
    const now = clock.now();
    const { task, hit } = await lockedHit(trx, ownerId, hitId, now);
    const status = hitStatusOf(hit, now);
    const expired =
      hit.hit_expired_at !== null || hit.expires_at <= now || hit.project_status !== 'published';
    if (status === 'Disposed' || expired) {
      throw requestError(
        `The HIT ${hitId} has expired${status === 'Disposed' ? ' and is disposed of' : ''}; assignments can only be added to a HIT that has not expired.`,
        'AWS.MechanicalTurk.InvalidHITState',
      );
    }
    const max = maxAssignmentsOf(hit);
    if (max < SMALL_HIT_LIMIT && max + additional >= SMALL_HIT_LIMIT) {
      throw requestError(
        `The HIT ${hitId} has ${max} assignments; a HIT with fewer than ${SMALL_HIT_LIMIT} assignments cannot be extended to ${SMALL_HIT_LIMIT} or more.`,
        'AWS.MechanicalTurk.InvalidMaximumAssignmentsIncrease',
      );
    }
    if (hit.assignments_per_task + additional > PROJECT_LIMITS.assignmentsPerTaskMax) {
      throw requestError(
        `NumberOfAdditionalAssignments: a HIT has at most ${PROJECT_LIMITS.assignmentsPerTaskMax} open assignments on this server; it has ${hit.assignments_per_task}.`,
        'AWS.MechanicalTurk.InvalidParameterValue',
      );
    }
    const cents = additional * slotCents(task.reward_cents);
    await ledger.escrowForProject(trx, {
      requesterId: ownerId,
      projectId: task.project_id,
      amountCents: cents,
      memo: `${additional} more assignment${additional === 1 ? '' : 's'} for HIT ${hitId} in “${task.project_title}”`,
    });
    await changes.addSlots(trx, task, additional, cents);
    await deps.notify(trx, ownerId, hit, 'HITExtended');
    return hitId;
  }
}

export type HitChangesService = ReturnType<typeof createHitChangesService>;
