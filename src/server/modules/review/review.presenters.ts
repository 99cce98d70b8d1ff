import type { Block, Bonus, ReviewAssignment, ReviewFlag } from '../../../shared/api/review.js';
import { REVIEW_LIMITS } from '../../../shared/api/review.js';
import { belowGoldFloor } from '../../db/gold-record.js';
import type { AssignmentStatus } from '../../db/types.js';
import { hourlyPayOf } from '../../lib/hourly-pay.js';
import { filledTemplate, frameUrls } from '../../lib/task-frame.js';
import { presentAssignment } from '../work/work.presenters.js';
import type { BlockRow } from './blocks.repository.js';
import type { BonusRow, ReviewListRow, ReviewRow } from './review.repository.js';
import type { ReviewService } from './review.service.js';

const DAY_MS = 24 * 3600 * 1000;

export function presentBonus(row: BonusRow): Bonus {
  return {
    id: row.id,
    assignmentId: row.assignment_id,
    projectId: row.project_id,
    workerId: row.worker_id,
    amountCents: row.amount_cents,
    feeCents: row.fee_cents,
    reason: row.reason,
    createdAt: row.created_at.toISOString(),
  };
}

/** The worker's gold accuracy once the project's floor stopped them, and work done too fast. */
export function reviewFlags(row: ReviewListRow, timeSpentSeconds: number | null): ReviewFlag[] {
  const flags: ReviewFlag[] = [];
  const answered = row.worker_gold_answered ?? 0;
  const correct = row.worker_gold_correct ?? 0;
  const minimum = row.min_gold_accuracy_percent;
  const standing = {
    answered,
    correct,
    minimumPercent: minimum,
    minAnswered: row.min_gold_answered,
  };
  if (belowGoldFloor(standing)) {
    const percent = Math.floor((correct * 100) / answered);
    flags.push({
      kind: 'gold_accuracy',
      message: `stopped: gold accuracy ${percent} % after ${answered} (minimum ${minimum} %)`,
    });
  }
  if (row.min_work_seconds > 0 && timeSpentSeconds !== null) {
    if (timeSpentSeconds < row.min_work_seconds) {
      flags.push({
        kind: 'too_fast',
        message: `submitted in ${timeSpentSeconds} s; minimum ${row.min_work_seconds} s`,
      });
    }
  }
  return flags;
}

export function presentReviewAssignment(
  row: ReviewListRow,
  status: AssignmentStatus,
  bonuses: BonusRow[],
): ReviewAssignment {
  const submittedAt = row.submitted_at;
  const timeSpentSeconds =
    row.work_seconds ??
    (submittedAt ? Math.round((submittedAt.getTime() - row.accepted_at.getTime()) / 1000) : null);
  return {
    ...presentAssignment(row, status),
    worker: { id: row.worker_id, handle: row.worker_handle, displayName: row.worker_name },
    task: {
      id: row.task_id,
      batchId: row.batch_id,
      rowNumber: row.row_number,
      number: row.task_number,
      data: row.task_data,
    },
    timeSpentSeconds,
    autoApproveAt: status === 'submitted' ? (row.auto_approve_at?.toISOString() ?? null) : null,
    reversibleUntil: submittedAt
      ? new Date(submittedAt.getTime() + REVIEW_LIMITS.reversalWindowDays * DAY_MS).toISOString()
      : null,
    bonuses: bonuses.map(presentBonus),
    flags: reviewFlags(row, timeSpentSeconds),
  };
}

/** The requester's view of one assignment, with the task filled as the worker saw it. */
export function presentReviewDetail(row: ReviewRow, status: AssignmentStatus, bonuses: BonusRow[]) {
  return {
    ...presentReviewAssignment(row, status, bonuses),
    requesterId: row.owner_id,
    instructions: row.instructions,
    hourlyPay: hourlyPayOf(row),
    timeAllottedSeconds: row.time_allotted_seconds,
    template: filledTemplate(
      row.template,
      row.task_data,
      frameUrls.projectTask(row.project_id, row.task_id),
    ),
  };
}

/**
 * What review adds to `GET /assignments/{id}`, which the work module serves: the bonuses its
 * worker received, and its project's requester's whole view. app.ts hands these to the work
 * routes, so work never imports review (review builds on work, not the other way).
 */
export function assignmentViewParts(
  review: Pick<ReviewService, 'getForRequester' | 'effectiveStatus' | 'bonusesFor'>,
) {
  return {
    bonusesFor: async (assignmentId: string) =>
      (await review.bonusesFor([assignmentId])).map(presentBonus),
    requesterView: async (requesterId: string, assignmentId: string) => {
      const row = await review.getForRequester(requesterId, assignmentId);
      return presentReviewDetail(
        row,
        review.effectiveStatus(row),
        await review.bonusesFor([row.id]),
      );
    },
  };
}

export function presentBlock(row: BlockRow): Block {
  return {
    worker: { id: row.id, handle: row.handle, displayName: row.display_name },
    reason: row.reason,
    createdAt: row.created_at.toISOString(),
  };
}
