import type { Assignment, AssignmentDetail, AssignmentStatus } from '../../../shared/api/work.js';
import type { AssignmentColumnsRow } from '../../db/assignment-columns.js';
import { hourlyPayOf } from '../../lib/hourly-pay.js';
import { filledTemplate, frameUrls } from '../../lib/task-frame.js';
import type { AssignmentDetailRow } from './work.service.js';

/** An assignment as anyone who may see it reads it, with the status they see. */
export function presentAssignment(row: AssignmentColumnsRow, status: AssignmentStatus): Assignment {
  return {
    id: row.id,
    taskId: row.task_id,
    projectId: row.project_id,
    projectTitle: row.project_title,
    workerId: row.worker_id,
    status,
    rewardCents: row.reward_cents,
    acceptedAt: row.accepted_at.toISOString(),
    deadline: row.deadline.toISOString(),
    submittedAt: row.submitted_at?.toISOString() ?? null,
    reviewedAt: row.reviewed_at?.toISOString() ?? null,
    feedback: row.feedback,
    answers: row.answers,
    workSeconds: row.work_seconds,
    activeSeconds: row.active_seconds,
    topUpCents: row.top_up_cents,
    pilot: row.pilot,
    pilotFeedback: row.pilot_feedback,
  };
}

/** The worker's own assignment with what they need to do it: the task filled in its frame. */
export function presentAssignmentDetail(
  row: AssignmentDetailRow,
  status: AssignmentStatus,
): AssignmentDetail {
  return {
    ...presentAssignment(row, status),
    requesterId: row.owner_id,
    instructions: row.instructions,
    hourlyPay: hourlyPayOf(row),
    timeAllottedSeconds: row.time_allotted_seconds,
    template: filledTemplate(row.template, row.task_data, frameUrls.assignment(row.id)),
  };
}
