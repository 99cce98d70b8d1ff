import type { AppealStatus, DecideBody } from '../../../shared/api/appeals.js';
import { afterCommit } from '../../db/after-commit.js';
import type { Db } from '../../db/database.js';
import { fromCursor, pageFrom } from '../../db/pagination.js';
import { inTransaction } from '../../db/transactions.js';
import { AppError, ConflictError, NotFoundError } from '../../errors.js';
import type { Clock } from '../../lib/clock.js';
import type { AuditService } from '../audit/audit.service.js';
import { announce, links, type Notify } from '../notifications/notices.js';
import type { LiveEventPublisher } from '../realtime/event-bus.js';
import type { ReviewService } from '../review/review.service.js';
import type { AppealRow, AppealsRepository } from './appeals.repository.js';

/**
 * The two windows (days to appeal a rejection, counted from it; days for the requester to answer
 * before the rejection is overturned by itself), read when they are needed: they are collective
 * rules (`appealDays`, `appealResponseDays`) members may change by vote (DESIGN §11).
 */
export type AppealWindows = () => Promise<{ appealDays: number; responseDays: number }>;

const DAY_MS = 24 * 3600 * 1000;
/** Appeals the sweep overturns per run; each is its own transaction. */
const SWEEP_BATCH = 100;

const daysAfter = (at: Date, days: number) => new Date(at.getTime() + days * DAY_MS);

type PageQuery = { status?: AppealStatus | undefined; limit: number; cursor?: string | undefined };

/**
 * Appeals of rejections. An overturn is the review module's reversal (the same money code) run in
 * the transaction that closes the appeal; the appeal's row changes only while it is open, so two
 * racing decisions, or a decision and the sweep, never pay twice.
 */
export function createAppealsService(deps: {
  db: Db;
  appeals: AppealsRepository;
  review: Pick<ReviewService, 'overturnRejection'>;
  clock: Clock;
  appealWindows: AppealWindows;
  notify?: Notify | undefined;
  events: LiveEventPublisher;
  audit: Pick<AuditService, 'record'>;
  /** Where the sweep reports an overturn it could not pay (the requester's funds ran short). */
  warn?: ((message: string, details: Record<string, unknown>) => void) | undefined;
}) {
  const { db, appeals, clock } = deps;

  /** The repository's filter for the page a client asked for. */
  const listFilter = (query: PageQuery) => ({ ...fromCursor(query), status: query.status });

  /** A page of appeals, with how many of the whole list (`where`) are still open. */
  async function pageWithOpenCount(
    rows: AppealRow[],
    query: PageQuery,
    where: { projectId: string } | { workerId: string },
  ) {
    return { ...pageFrom(rows, query.limit), openCount: await appeals.openCount(where) };
  }

  function announceAppeal(
    trx: Db,
    appeal: { id: string; assignment_id: string; project_id: string },
    status: AppealStatus,
    userIds: string[],
  ) {
    return afterCommit(trx, () => {
      for (const userId of userIds) {
        deps.events.publish(
          {
            type: 'appeal.updated',
            appealId: appeal.id,
            assignmentId: appeal.assignment_id,
            projectId: appeal.project_id,
            status,
          },
          { userId },
        );
      }
    });
  }

  async function requireOwnAppeal(requesterId: string, id: string) {
    const appeal = await appeals.find(id);
    // Someone else's appeal is "not found": its existence is not the caller's business.
    if (!appeal || appeal.requester_id !== requesterId) throw new NotFoundError('Appeal');
    return appeal;
  }

  /**
   * Closes the appeal and, for an overturn, pays the worker, in the caller's transaction.
   * Returns false when the appeal was no longer open (or, for an uphold, past its window).
   */
  async function close(
    trx: Db,
    id: string,
    decision: { status: 'overturned' | 'upheld'; message: string | null; by: string | null },
  ): Promise<boolean> {
    const now = clock.now();
    const closed = await appeals.decide(trx, {
      id,
      status: decision.status,
      message: decision.message,
      decidedBy: decision.by,
      now,
      openAfter: decision.status === 'upheld' ? now : undefined,
    });
    if (!closed) return false;
    const overturned = decision.status === 'overturned';
    const appeal = await appeals.find(id, trx);
    if (!appeal) throw new Error(`Appeal ${id} vanished inside its own transaction`);
    const paid = overturned
      ? await deps.review.overturnRejection(
          trx,
          { id: closed.assignment_id, project_id: closed.project_id },
          { reviewerId: decision.by, feedback: decision.message },
        )
      : false;
    await appeals.countDecision(trx, closed.requester_id, overturned);
    // Money moved outside the normal review flow: on the record, with who moved it.
    if (paid) {
      await deps.audit.record(
        {
          actorId: decision.by,
          action: decision.by ? 'appeal.overturned' : 'appeal.overturned_automatically',
          subjectUserId: closed.worker_id,
          target: { type: 'appeal', id },
          details: {
            assignmentId: closed.assignment_id,
            projectId: closed.project_id,
            requesterId: closed.requester_id,
            rewardCents: appeal.reward_cents,
          },
          at: now,
        },
        trx,
      );
    }
    const outcome = overturned
      ? decision.by
        ? 'The requester overturned the rejection; the work is approved and paid.'
        : 'The requester did not answer in time, so the rejection was overturned and the work paid.'
      : 'The requester upheld the rejection.';
    await announce(deps.notify, trx, [
      {
        userId: closed.worker_id,
        kind: 'appeal_decided',
        title: `Appeal ${overturned ? 'overturned' : 'upheld'}: ${appeal.project_title}`,
        body: `${outcome}${decision.message ? ` Message: ${decision.message}` : ''}`,
        link: links.assignment(closed.assignment_id),
      },
    ]);
    await announceAppeal(trx, closed, decision.status, [closed.worker_id, closed.requester_id]);
    return true;
  }

  return {
    /** The worker's appeal of a rejection of their work, within the appeal window. */
    async appeal(workerId: string, assignmentId: string, message: string): Promise<string> {
      const assignment = await appeals.findAssignment(assignmentId);
      if (!assignment || assignment.worker_id !== workerId) throw new NotFoundError('Assignment');
      const existing = (await appeals.ofAssignments([assignmentId]))[0];
      if (existing) {
        throw new ConflictError('already_appealed', 'This rejection has been appealed already.', {
          appealId: existing.id,
        });
      }
      if (assignment.status !== 'rejected' || !assignment.reviewed_at) {
        throw new ConflictError(
          'not_rejected',
          `This assignment is ${assignment.status}; only rejected work can be appealed.`,
          { status: assignment.status },
        );
      }
      const now = clock.now();
      const windows = await deps.appealWindows();
      const deadline = daysAfter(assignment.reviewed_at, windows.appealDays);
      if (now > deadline) {
        throw new ConflictError(
          'appeal_window_closed',
          `A rejection can be appealed only within ${windows.appealDays} days of it.`,
          { appealDeadline: deadline.toISOString() },
        );
      }
      const id = await inTransaction(db, async (trx) => {
        const inserted = await appeals.insert(trx, {
          assignmentId,
          message,
          now,
          responseDeadline: daysAfter(now, windows.responseDays),
        });
        if (!inserted) return undefined;
        await announce(deps.notify, trx, [
          {
            userId: assignment.owner_id,
            kind: 'appeal_received',
            title: `Appeal: ${assignment.project_title}`,
            body: `A worker appealed your rejection. Answer within ${windows.responseDays} days or it is overturned and paid. Their message: ${message}`,
            link: links.projectAppeals(assignment.project_id),
          },
        ]);
        await announceAppeal(
          trx,
          { id: inserted.id, assignment_id: assignmentId, project_id: assignment.project_id },
          'open',
          [assignment.owner_id, workerId],
        );
        return inserted.id;
      });
      if (id) return id;
      const racing = (await appeals.ofAssignments([assignmentId]))[0];
      if (racing) {
        throw new ConflictError('already_appealed', 'This rejection has been appealed already.', {
          appealId: racing.id,
        });
      }
      // A reversal approved the work between the read and the insert.
      throw new ConflictError('not_rejected', 'This work is no longer rejected.');
    },

    /** The requester's answer, while the appeal is open. */
    async decide(requesterId: string, id: string, body: DecideBody): Promise<string> {
      const appeal = await requireOwnAppeal(requesterId, id);
      if (appeal.status !== 'open') {
        throw new ConflictError('appeal_closed', `This appeal was ${appeal.status} already.`, {
          status: appeal.status,
        });
      }
      const status = body.decision === 'overturn' ? 'overturned' : 'upheld';
      const done = await inTransaction(db, (trx) =>
        close(trx, id, { status, message: body.message || null, by: requesterId }),
      );
      if (done) return id;
      const now = (await appeals.find(id))?.status ?? 'open';
      if (now === 'open') {
        // Still open, so only the window can have refused an uphold.
        throw new ConflictError(
          'response_window_closed',
          'The response window has passed: this appeal is overturned automatically.',
          { responseDeadline: appeal.response_deadline.toISOString() },
        );
      }
      throw new ConflictError('appeal_closed', `This appeal was ${now} already.`, { status: now });
    },

    /** The appeal for its worker or its project's requester; "not found" for anyone else. */
    async get(userId: string, id: string) {
      const appeal = await appeals.find(id);
      if (!appeal || (appeal.worker_id !== userId && appeal.requester_id !== userId)) {
        throw new NotFoundError('Appeal');
      }
      return appeal;
    },

    async listMine(workerId: string, query: PageQuery) {
      const rows = await appeals.listForWorker(workerId, listFilter(query));
      return pageWithOpenCount(rows, query, { workerId });
    },

    async listForProject(requesterId: string, projectId: string, query: PageQuery) {
      const project = await appeals.findProjectOwner(projectId);
      if (!project || project.owner_id !== requesterId) throw new NotFoundError('Project');
      const rows = await appeals.listForProject(projectId, listFilter(query));
      return pageWithOpenCount(rows, query, { projectId });
    },

    /**
     * What a worker's view of their assignments adds: until when each rejection may be appealed,
     * and its appeal once made.
     */
    async forAssignments(
      rows: readonly { id: string; status: string; reviewed_at: Date | null }[],
    ) {
      const found = await appeals.ofAssignments(rows.map((r) => r.id));
      const { appealDays } = await deps.appealWindows();
      const byAssignment = new Map(found.map((a) => [a.assignment_id, a]));
      return (id: string) => {
        const row = rows.find((r) => r.id === id);
        const appeal = byAssignment.get(id);
        return {
          appealDeadline:
            row?.status === 'rejected' && row.reviewed_at
              ? daysAfter(row.reviewed_at, appealDays).toISOString()
              : null,
          appeal: appeal
            ? {
                id: appeal.id,
                status: appeal.status,
                responseDeadline: appeal.response_deadline.toISOString(),
              }
            : null,
        };
      };
    },

    /**
     * Overturns and pays appeals left unanswered past their response window, each in its own
     * transaction under a row lock that skips what a decision or another instance holds. One the
     * requester cannot pay (their funds ran short) stays open and is tried again next run.
     */
    async sweepUnanswered(limit = SWEEP_BATCH): Promise<number> {
      const now = clock.now();
      let overturned = 0;
      for (const id of await appeals.dueIds(now, limit)) {
        try {
          const done = await inTransaction(db, async (trx) => {
            if (!(await appeals.lockDue(trx, id, now))) return false;
            return close(trx, id, { status: 'overturned', message: null, by: null });
          });
          if (done) overturned++;
        } catch (error) {
          if (!(error instanceof AppError && error.code === 'insufficient_funds')) throw error;
          deps.warn?.('An unanswered appeal could not be paid: the requester lacks funds', {
            appealId: id,
          });
        }
      }
      return overturned;
    },
  };
}

export type AppealsService = ReturnType<typeof createAppealsService>;
