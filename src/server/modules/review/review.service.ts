import type { BulkReviewBody } from '../../../shared/api/review.js';
import { REVIEW_LIMITS } from '../../../shared/api/review.js';
import { topUpCents } from '../../../shared/fair-pay.js';
import { formatCents, slotEscrowCents } from '../../../shared/money.js';
import { afterCommit } from '../../db/after-commit.js';
import {
  effectiveStatus as statusAt,
  type AssignmentStatusRow,
} from '../../db/assignment-status.js';
import type { Db } from '../../db/database.js';
import { inTransaction } from '../../db/transactions.js';
import { fromCursor, keysetPage } from '../../db/pagination.js';
import type { AssignmentStatus } from '../../db/types.js';
import { ConflictError, NotFoundError } from '../../errors.js';
import type { Clock } from '../../lib/clock.js';
import type { AssignmentPayment, LedgerService } from '../ledger/ledger.service.js';
import type { OverlapService } from '../overlap/overlap.service.js';
import { announceAssignmentChanges } from '../realtime/announce.js';
import type { LiveEventPublisher } from '../realtime/event-bus.js';
import type { WebhookOutbox } from '../webhooks/webhooks.module.js';
import { announce, links, type Notify } from '../notifications/notices.js';
import type { ChangedAssignment, ReviewRepository, ReviewRow } from './review.repository.js';

const DAY_MS = 24 * 3600 * 1000;
/** Submissions changed per transaction of a bulk review, so no transaction grows unbounded. */
const BULK_CHUNK = 500;
/** Submissions the auto-approval sweep approves per run. */
const AUTO_APPROVE_BATCH = 200;

type Ledger = Pick<LedgerService, 'payAssignments' | 'releaseEscrow'>;
type LockedProject = Awaited<ReturnType<ReviewRepository['lockProjectShared']>>;

/**
 * The top-up a `topUpToFloor` project owes this work: what brings it to the floor at its measured
 * time (accept to submit, the time the project's hourly pay is measured by), capped at the reward
 * and at the reserve escrowed for it (sized by the time allotted, the longest work can take).
 * Dawdling is bounded by those caps, and is the requester's to reject like any poor work.
 */
function topUpFor(c: ChangedAssignment): number {
  if (c.top_up_reserve_cents === 0) return 0;
  const seconds = Math.min(c.work_seconds ?? 0, c.time_allotted_seconds);
  return Math.min(topUpCents(c.reward_cents, seconds, c.pay_floor_cents), c.top_up_reserve_cents);
}

const isClosed = (status: string) => status === 'cancelled' || status === 'completed';
/** Whether a slot freed in this project is offered again (open, and rejections reopen slots). */
const slotsReopen = (project: LockedProject) =>
  !isClosed(project.status) && project.rejected_slot_reopens;

/**
 * Approving, rejecting and reversing: each state change is one transaction with its money, and
 * each is a conditional statement on the assignment's current status, so concurrent reviews, the
 * auto-approval sweep and other instances can never pay for one assignment twice.
 */
export function createReviewService(deps: {
  db: Db;
  review: ReviewRepository;
  ledger: Ledger;
  /** Adaptive overlap: a decision may open a task's next slot or settle it. */
  overlap: Pick<OverlapService, 'reconsider'>;
  clock: Clock;
  feePercent: number;
  notify?: Notify | undefined;
  events: LiveEventPublisher;
  outbox?: Pick<WebhookOutbox, 'assignmentsChanged'> | undefined;
}) {
  const { db, review, ledger, clock } = deps;

  /**
   * Queues the requester's webhook deliveries in `trx`, and tells workers, requesters and (when
   * slots free up) the marketplace once committed.
   */
  async function announceReviewed(
    trx: Db,
    changed: ChangedAssignment[],
    status: 'approved' | 'rejected',
    freesSlots: boolean,
  ) {
    if (!changed.length) return;
    const changes = changed.map((c) => ({
      assignmentId: c.id,
      projectId: c.project_id,
      workerId: c.worker_id,
      ownerId: c.owner_id,
      status,
      availability: freesSlots,
    }));
    await deps.outbox?.assignmentsChanged(trx, changes);
    await afterCommit(trx, () => announceAssignmentChanges(deps.events, changes));
  }

  /** Overdue accepted work reads as expired, whether or not the sweep has run. */
  function effectiveStatus(row: AssignmentStatusRow): AssignmentStatus {
    return statusAt(row, clock.now());
  }

  async function requireReviewable(requesterId: string, id: string): Promise<ReviewRow> {
    const row = await review.findForReview(id);
    // Another requester's work is "not found": its existence is not the caller's business.
    if (!row || row.owner_id !== requesterId) throw new NotFoundError('Assignment');
    return row;
  }

  async function requireOwnProject(requesterId: string, projectId: string) {
    const project = await review.findProject(projectId);
    if (!project || project.owner_id !== requesterId) throw new NotFoundError('Project');
    return project;
  }

  /** Tells each worker how their work was reviewed, inside the reviewing transaction. */
  function tellWorkers(
    trx: Db,
    changed: ChangedAssignment[],
    outcome: 'approved' | 'rejected',
    body: (c: ChangedAssignment) => string,
  ) {
    return announce(
      deps.notify,
      trx,
      changed.map((c) => ({
        userId: c.worker_id,
        kind: outcome === 'approved' ? 'assignment_approved' : 'assignment_rejected',
        title: `${outcome === 'approved' ? 'Approved' : 'Rejected'}: ${c.project_title}`,
        body: body(c),
        link: links.assignment(c.id),
      })),
    );
  }

  /** Pays approved assignments and tells their workers, inside the approving transaction. */
  async function pay(
    trx: Db,
    changed: ChangedAssignment[],
    source: AssignmentPayment['source'],
    actorId: string | null,
    feedback: string | null,
  ) {
    const topUps = new Map(changed.map((c) => [c.id, topUpFor(c)]));
    await ledger.payAssignments(
      trx,
      changed.map((c) => ({
        assignmentId: c.id,
        projectId: c.project_id,
        requesterId: c.owner_id,
        workerId: c.worker_id,
        rewardCents: c.reward_cents,
        source,
        actorId,
        memo: `Approved work on “${c.project_title}”`,
        topUp:
          c.top_up_reserve_cents > 0
            ? { cents: topUps.get(c.id) ?? 0, reserveCents: c.top_up_reserve_cents }
            : undefined,
      })),
    );
    await deps.overlap.reconsider(
      trx,
      changed.map((c) => c.task_id),
    );
    await review.recordTopUps(
      trx,
      [...topUps].filter(([, cents]) => cents > 0).map(([id, cents]) => ({ id, cents })),
    );
    await tellWorkers(trx, changed, 'approved', (c) => {
      const topUp = topUps.get(c.id) ?? 0;
      const added = topUp
        ? `${formatCents(c.reward_cents)} and a ${formatCents(topUp)} top-up to the pay floor were added to your earnings.`
        : `${formatCents(c.reward_cents)} was added to your earnings.`;
      return `${added}${feedback ? ` Feedback: ${feedback}` : ''}`;
    });
    await announceReviewed(trx, changed, 'approved', false);
  }

  /**
   * A closed project keeps in escrow only what its work in progress may still earn, and a
   * project whose rejected slots do not reopen no longer owes the slot: either way a rejected
   * submission's share goes back to the requester at once.
   */
  async function afterRejection(
    trx: Db,
    project: LockedProject,
    changed: ChangedAssignment[],
    reason: string,
  ) {
    const reopens = slotsReopen(project);
    if (!reopens) {
      const cents = changed.reduce(
        (sum, c) => sum + slotEscrowCents(c.reward_cents, c.top_up_reserve_cents, deps.feePercent),
        0,
      );
      await ledger.releaseEscrow(trx, {
        requesterId: project.owner_id,
        projectId: project.id,
        amountCents: cents,
        memo: `Escrow of rejected work on ${isClosed(project.status) ? 'closed ' : ''}project “${project.title}”`,
      });
    }
    await deps.overlap.reconsider(
      trx,
      changed.map((c) => c.task_id),
    );
    await tellWorkers(trx, changed, 'rejected', () => `Reason: ${reason}`);
    await announceReviewed(trx, changed, 'rejected', reopens);
  }

  /**
   * rejected → approved inside the caller's transaction: the worker is paid from the project's
   * escrow when the project is open and the task still has a free slot (the slot's money is
   * there); otherwise from the requester's available funds, or not at all (409
   * insufficient_funds). Returns false when the work was no longer rejected (or not submitted
   * after `submittedAfter`): nothing was paid. An appeal's overturn calls this with no window.
   */
  async function reverseIn(
    trx: Db,
    row: Pick<ReviewRow, 'id' | 'project_id'>,
    args: { reviewerId: string | null; feedback: string | null; submittedAfter?: Date | undefined },
  ): Promise<boolean> {
    const project = await review.lockProjectShared(trx, row.project_id);
    const changed = await review.reverseRejection(trx, {
      id: row.id,
      now: clock.now(),
      reviewerId: args.reviewerId,
      feedback: args.feedback,
      submittedAfter: args.submittedAfter,
      // Where rejections consume their slots, the rejected one's escrow went back already.
      mayTakeSlot: slotsReopen(project),
    });
    if (!changed) return false;
    await pay(
      trx,
      [changed],
      changed.holds_slot ? 'escrow' : 'available',
      args.reviewerId,
      args.feedback,
    );
    return true;
  }

  /** rejected → approved by its requester within the reversal window (see `reverseIn`). */
  async function reverse(requesterId: string, row: ReviewRow, feedback: string | null) {
    const now = clock.now();
    const windowStart = new Date(now.getTime() - REVIEW_LIMITS.reversalWindowDays * DAY_MS);
    if (!row.submitted_at || row.submitted_at <= windowStart) {
      throw new ConflictError(
        'reversal_window_closed',
        `A rejection can be reversed only within ${REVIEW_LIMITS.reversalWindowDays} days of submission.`,
        { submittedAt: row.submitted_at?.toISOString() ?? null },
      );
    }
    return inTransaction(db, (trx) =>
      reverseIn(trx, row, { reviewerId: requesterId, feedback, submittedAfter: windowStart }),
    );
  }

  async function approve(
    requesterId: string,
    id: string,
    feedback: string | undefined,
  ): Promise<string> {
    const row = await requireReviewable(requesterId, id);
    const status = effectiveStatus(row);
    let done: boolean;
    if (status === 'approved') return id;
    if (status === 'rejected') {
      done = await reverse(requesterId, row, feedback ?? null);
    } else if (status === 'submitted') {
      done = await inTransaction(db, async (trx) => {
        const changed = await review.approve(trx, {
          ids: [id],
          limit: 1,
          now: clock.now(),
          reviewerId: requesterId,
          feedback: feedback ?? null,
        });
        await pay(trx, changed, 'escrow', requesterId, feedback ?? null);
        return changed.length > 0;
      });
    } else {
      throw new ConflictError(
        'not_submitted',
        `This assignment is ${status}; only submitted (or rejected) work can be approved.`,
        { status },
      );
    }
    // Lost a race with another review or the sweep: answer as the state it reached says.
    return done ? id : approve(requesterId, id, feedback);
  }

  async function reject(requesterId: string, id: string, reason: string): Promise<string> {
    const row = await requireReviewable(requesterId, id);
    const status = effectiveStatus(row);
    if (status === 'rejected') return id;
    if (status === 'approved') {
      throw new ConflictError('already_approved', 'Approved work cannot be rejected.', { status });
    }
    if (status !== 'submitted') {
      throw new ConflictError(
        'not_submitted',
        `This assignment is ${status}; only submitted work can be rejected.`,
        { status },
      );
    }
    const now = clock.now();
    if (row.auto_approve_at && row.auto_approve_at <= now) {
      throw new ConflictError(
        'review_window_closed',
        'The review window has closed: this work is approved automatically.',
        { autoApproveAt: row.auto_approve_at.toISOString() },
      );
    }
    const done = await inTransaction(db, async (trx) => {
      const project = await review.lockProjectShared(trx, row.project_id);
      const changed = await review.reject(trx, {
        ids: [id],
        limit: 1,
        now,
        reviewerId: requesterId,
        reason,
        slotReopens: project.rejected_slot_reopens,
      });
      await afterRejection(trx, project, changed, reason);
      return changed.length > 0;
    });
    return done ? id : reject(requesterId, id, reason);
  }

  /** One chunk of a bulk review: returns the ids it changed. */
  async function bulkChunk(
    requesterId: string,
    projectId: string,
    body: BulkReviewBody,
    ids: string[] | undefined,
  ): Promise<string[]> {
    const now = clock.now();
    const selection = {
      ids,
      projectId,
      submittedBefore: body.submittedBefore ? new Date(body.submittedBefore) : undefined,
      limit: BULK_CHUNK,
      now,
      reviewerId: requesterId,
    };
    return inTransaction(db, async (trx) => {
      if (body.action === 'approve') {
        const changed = await review.approve(trx, { ...selection, feedback: null });
        await pay(trx, changed, 'escrow', requesterId, null);
        return changed.map((c) => c.id);
      }
      // The body's schema refuses a reject without a reason.
      const reason = body.reason as string;
      const project = await review.lockProjectShared(trx, projectId);
      const changed = await review.reject(trx, {
        ...selection,
        reason,
        slotReopens: project.rejected_slot_reopens,
      });
      await afterRejection(trx, project, changed, reason);
      return changed.map((c) => c.id);
    });
  }

  return {
    effectiveStatus,
    approve,
    reject,
    /** An appeal's overturn: a reversal in the caller's transaction, whatever the window. */
    overturnRejection: reverseIn,

    async getForRequester(requesterId: string, id: string): Promise<ReviewRow> {
      return requireReviewable(requesterId, id);
    },

    /** The project's assignments, newest first, with counts by status. */
    async list(
      requesterId: string,
      projectId: string,
      query: {
        status?: AssignmentStatus | undefined;
        batchId?: string | undefined;
        workerId?: string | undefined;
        limit: number;
        cursor?: string | undefined;
      },
    ) {
      await requireOwnProject(requesterId, projectId);
      const now = clock.now();
      const rows = await review.listForProject(projectId, {
        ...fromCursor(query),
        status: query.status,
        batchId: query.batchId,
        workerId: query.workerId,
        now,
      });
      return {
        ...keysetPage(rows, query.limit, (row) => [row.accepted_at, row.id]),
        counts: await review.countsForProject(projectId, now),
        asOf: now,
      };
    },

    /**
     * Approves or rejects the listed submissions, or all submitted at or before a time (the
     * moment the review page was loaded, so later work is never swept in), in chunks.
     */
    async bulk(requesterId: string, projectId: string, body: BulkReviewBody) {
      await requireOwnProject(requesterId, projectId);
      const ids = body.assignmentIds ? [...new Set(body.assignmentIds)] : undefined;
      const changedIds = new Set<string>();
      for (;;) {
        const changed = await bulkChunk(requesterId, projectId, body, ids);
        if (!changed.length) break;
        for (const id of changed) changedIds.add(id);
      }
      const rest = (ids ?? []).filter((id) => !changedIds.has(id));
      const found = new Map(
        (await review.statusesOf(projectId, rest)).map((r) => [r.id, effectiveStatus(r)]),
      );
      return {
        action: body.action,
        changed: changedIds.size,
        unchanged: rest.map((id) => ({ id, status: found.get(id) ?? ('not_found' as const) })),
      };
    },

    /**
     * Approves and pays submissions whose review window has closed. Rows another instance (or a
     * manual review) holds are skipped and picked up by whoever holds them or by the next run.
     */
    async sweepAutoApprove(limit = AUTO_APPROVE_BATCH): Promise<number> {
      return inTransaction(db, async (trx) => {
        const now = clock.now();
        const changed = await review.approve(trx, {
          autoApproveDueBy: now,
          limit,
          skipLocked: true,
          now,
          reviewerId: null,
          feedback: null,
        });
        await pay(trx, changed, 'escrow', null, null);
        return changed.length;
      });
    },

    bonusesFor: (assignmentIds: readonly string[]) => review.bonusesFor(assignmentIds),
  };
}

export type ReviewService = ReturnType<typeof createReviewService>;
