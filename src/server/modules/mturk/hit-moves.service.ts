import { isUuid } from '../../../shared/api/qualifications.js';
import type { Db } from '../../db/database.js';
import { AppError } from '../../errors.js';
import type { Clock } from '../../lib/clock.js';
import type { LedgerService } from '../ledger/ledger.service.js';
import type { LifecycleService } from '../projects/lifecycle.service.js';
import type { ProjectsService } from '../projects/projects.service.js';
import type { HitGroup, HitMovesRepository } from './hit-moves.repository.js';
import { hitStatusOf } from './hit-presenter.js';
import type { HitRow, HitsRepository, HitTypeRow } from './hits.repository.js';
import { hitDoesNotExist, projectBodyOfType, type HitsService } from './hits.service.js';
import { dollarsOf } from './money.js';
import { asRequestError, requestError, serviceFault } from './mturk-errors.js';

/** Projects whose escrow is still held slot by slot; a closed project's is the settlement's. */
const LIVE = ['published', 'paused'];

/** A move that found its HIT or its target changed before it held the locks starts again. */
const ATTEMPTS = 3;

/** Where a HIT moves: an open project of its new group, or a draft made for it alone. */
type Target =
  | { projectId: string; draft: false; keepOpenUntil: Date }
  | { projectId: string; draft: true; group: HitGroup };

/**
 * Moving one HIT (its task and one-row batch) to another project of its requester, in one
 * transaction holding both projects locked: UpdateHITTypeOfHIT, and a sooner
 * UpdateExpirationForHIT for a HIT that shares its project with others. The escrow of its
 * untaken slots and of its work in progress leaves the old project and is held for the new one,
 * the untaken slots at the new reward (the difference from, or back to, the available funds);
 * accepted and submitted assignments keep the reward they were accepted at.
 */
export function createHitMovesService(deps: {
  moves: HitMovesRepository;
  hits: Pick<
    HitsRepository,
    'findHit' | 'findHitType' | 'findOpenGroup' | 'keepRejectedSlotsConsumed'
  >;
  hitTypes: Pick<HitsService, 'requireHitType'>;
  projects: Pick<ProjectsService, 'create'>;
  lifecycle: Pick<LifecycleService, 'cancel'>;
  ledger: Pick<LedgerService, 'escrowForProject' | 'releaseEscrow' | 'feeFor'>;
  clock: Clock;
}) {
  const { moves, hits, ledger, clock } = deps;
  const slotCents = (rewardCents: number) => rewardCents + ledger.feeFor(rewardCents);

  /** The owner's HIT while it may still move: not disposed of, its project open. */
  async function requireMovableHit(ownerId: string, hitId: string, now: Date): Promise<HitRow> {
    const hit = isUuid(hitId) ? await hits.findHit(ownerId, hitId, now) : undefined;
    if (!hit) throw hitDoesNotExist(hitId);
    const status = hitStatusOf(hit, now);
    if (status === 'Disposed') {
      throw requestError(
        `The HIT ${hitId} is Disposed; this operation can be called with a status of: Assignable, Unassignable, Reviewable, Reviewing.`,
        'AWS.MechanicalTurk.InvalidHITState',
      );
    }
    if (!LIVE.includes(hit.project_status) || hit.expires_at <= now) {
      throw requestError(
        `The HIT ${hitId} has expired and its money is settled; on this server only a HIT that has not expired can change.`,
        'AWS.MechanicalTurk.InvalidHITState',
      );
    }
    return hit;
  }

  /** A draft project of `hitType` for `hit` alone, opened by the move's transaction. */
  async function draftFor(
    ownerId: string,
    hit: HitRow,
    hitType: HitTypeRow,
    group: Omit<HitGroup, 'project_id' | 'hit_type_id'>,
    expiresAt: Date,
  ): Promise<Target> {
    const body = projectBodyOfType(hitType, {
      maxAssignments: group.max_assignments,
      expiresAt,
      template: hit.template,
    });
    const project = await asRequestError(() => deps.projects.create(ownerId, body));
    await hits.keepRejectedSlotsConsumed(project.id);
    return {
      projectId: project.id,
      draft: true,
      group: { ...group, project_id: project.id, hit_type_id: hitType.id },
    };
  }

  /**
   * The move itself; 'retry' when the HIT left its project or the target closed before the
   * locks were taken (a concurrent move or settlement), so that nothing is counted twice.
   */
  async function moveInto(
    trx: Db,
    ownerId: string,
    hit: HitRow,
    target: Target,
    why: string,
  ): Promise<'moved' | 'retry'> {
    const now = clock.now();
    const locked = await moves.lockProjects(trx, ownerId, [hit.project_id, target.projectId]);
    const from = locked.find((project) => project.id === hit.project_id);
    const to = locked.find((project) => project.id === target.projectId);
    const task = await moves.readTask(trx, hit.task_id);
    if (!from || !to || task?.project_id !== from.id) return 'retry';
    if (!LIVE.includes(from.status) || from.expires_at <= now) {
      throw requestError(
        `The HIT ${hit.task_id} expired meanwhile; it was not moved.`,
        'AWS.MechanicalTurk.InvalidHITState',
      );
    }
    const targetOpen = target.draft
      ? to.status === 'draft'
      : to.status === 'published' && to.expires_at > now;
    if (!targetOpen) return 'retry';

    const free = task.assignments_per_task - task.live_assignments;
    const inProgress = await moves.rewardsInProgress(trx, task.id);
    const inProgressCents = inProgress.reduce((sum, reward) => sum + slotCents(reward), 0);
    const oldFreeCents = free * slotCents(task.reward_cents);
    const newFreeCents = free * slotCents(to.reward_cents);
    await ledger.releaseEscrow(trx, {
      requesterId: ownerId,
      projectId: from.id,
      amountCents: oldFreeCents + inProgressCents,
      memo: `${why}: its escrow leaves “${from.title}”`,
    });
    await moves.moveTask(trx, task, to.id, to.reward_cents);
    try {
      await ledger.escrowForProject(trx, {
        requesterId: ownerId,
        projectId: to.id,
        amountCents: newFreeCents + inProgressCents,
        memo: `${why}: ${free} untaken assignment${free === 1 ? '' : 's'} at ${dollarsOf(to.reward_cents)} and ${inProgress.length} in progress at their own reward in “${to.title}”`,
      });
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== 'insufficient_funds') throw error;
      const released = oldFreeCents + inProgressCents;
      // The ledger's figure counts what this move released a moment before.
      const details: unknown = error.details;
      const available =
        typeof details === 'object' &&
        details !== null &&
        'availableCents' in details &&
        typeof details.availableCents === 'number'
          ? details.availableCents
          : released;
      throw requestError(
        `${why} needs ${dollarsOf(newFreeCents - oldFreeCents)} more in escrow (its ${free} untaken assignments at the new reward, with fees) and your available balance is ${dollarsOf(available - released)}.`,
        'AWS.MechanicalTurk.InsufficientFunds',
      );
    }
    await moves.repriceBatch(trx, task.batch_id, newFreeCents - oldFreeCents);
    if (target.draft) {
      await moves.publishDraft(trx, to.id, now);
      await moves.insertGroup(trx, target.group);
    } else {
      await moves.keepOpenUntil(trx, to.id, target.keepOpenUntil);
    }
    return 'moved';
  }

  /** Runs one attempt; a draft made for it is cancelled when the move does not happen. */
  async function attempt(
    ownerId: string,
    hit: HitRow,
    target: Target,
    why: string,
  ): Promise<boolean> {
    let outcome: 'moved' | 'retry';
    try {
      outcome = await moves.transaction((trx) => moveInto(trx, ownerId, hit, target, why));
    } catch (error) {
      if (target.draft) await deps.lifecycle.cancel(ownerId, target.projectId);
      throw error;
    }
    if (outcome === 'retry' && target.draft) {
      await deps.lifecycle.cancel(ownerId, target.projectId);
    }
    return outcome === 'moved';
  }

  return {
    /**
     * UpdateHITTypeOfHIT: the HIT joins the open group of the new type with its question and
     * MaxAssignments (a new group when there is none). Its own type again changes nothing.
     */
    async changeHitType(ownerId: string, hitId: string, hitTypeId: string): Promise<void> {
      for (let tries = 0; tries < ATTEMPTS; tries++) {
        const now = clock.now();
        const hit = await requireMovableHit(ownerId, hitId, now);
        const hitType = await deps.hitTypes.requireHitType(ownerId, hitTypeId);
        if (hit.hit_type_id === hitType.id) return;
        const group = await moves.groupOf(hit.project_id);
        if (!group) {
          throw requestError(
            `The HIT ${hitId} belongs to a project made in Tessera's web app; its terms are changed there, not with UpdateHITTypeOfHIT.`,
            'AWS.MechanicalTurk.InvalidParameterValue',
          );
        }
        const open = await hits.findOpenGroup(
          {
            hitTypeId: hitType.id,
            questionSha256: group.question_sha256,
            maxAssignments: group.max_assignments,
          },
          now,
        );
        const target: Target = open
          ? { projectId: open.project_id, draft: false, keepOpenUntil: hit.expires_at }
          : await draftFor(ownerId, hit, hitType, group, hit.expires_at);
        if (await attempt(ownerId, hit, target, `HIT ${hitId} moved to HIT type ${hitType.id}`)) {
          return;
        }
      }
      throw serviceFault('The HIT kept changing while it was being moved; try again.');
    },

    /**
     * A sooner expiry in the future. A HIT alone in its project moves the project's expiry; one
     * that shares it moves to a project of its own (same HIT type and terms) that expires then.
     * Either way the project closes at that time as any other does: no accept after it, and
     * the settlement sweep returns the escrow of the slots nobody took.
     */
    async expireSooner(ownerId: string, hitId: string, expireAt: Date): Promise<void> {
      for (let tries = 0; tries < ATTEMPTS; tries++) {
        const hit = await requireMovableHit(ownerId, hitId, clock.now());
        const alone = await moves.transaction(async (trx) => {
          const [project] = await moves.lockProjects(trx, ownerId, [hit.project_id]);
          const task = await moves.readTask(trx, hit.task_id);
          if (!project || task?.project_id !== project.id) return undefined;
          if ((await moves.taskCount(trx, project.id)) !== 1) return false;
          await moves.setExpiry(trx, project.id, expireAt);
          return true;
        });
        if (alone) return;
        if (alone === undefined) continue;
        const group = await moves.groupOf(hit.project_id);
        const hitType = group && (await hits.findHitType(ownerId, group.hit_type_id));
        if (!group || !hitType) {
          throw requestError(
            `The HIT ${hitId} shares its project (made in Tessera's web app) with other tasks, which expire together; only a later expiry, or one now, can be set for it.`,
            'AWS.MechanicalTurk.InvalidParameterValue',
          );
        }
        const target = await draftFor(ownerId, hit, hitType, group, expireAt);
        if (await attempt(ownerId, hit, target, `HIT ${hitId} expires sooner`)) return;
      }
      throw serviceFault('The HIT kept changing while its expiry was being set; try again.');
    },
  };
}

export type HitMovesService = ReturnType<typeof createHitMovesService>;
