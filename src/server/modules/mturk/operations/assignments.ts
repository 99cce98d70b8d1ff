import { z } from 'zod';
import { isUuid } from '../../../../shared/api/qualifications.js';
import type { Template } from '../../../../shared/templates/model.js';
import type { Clock } from '../../../lib/clock.js';
import type { ReviewService } from '../../review/review.service.js';
import { questionFormAnswers } from '../answer-xml.js';
import type {
  MturkAssignmentRow,
  MturkAssignmentsRepository,
  ReviewedStatus,
} from '../assignments.repository.js';
import { presentHit } from '../hit-presenter.js';
import type { HitsService } from '../hits.service.js';
import { asRequestError, requestError } from '../mturk-errors.js';
import { idOfNextToken, pageOf } from '../next-token.js';
import { operation, type MturkOperations } from '../operation.js';

const MTURK_STATUS = {
  submitted: 'Submitted',
  approved: 'Approved',
  rejected: 'Rejected',
} as const;
const TESSERA_STATUS = {
  Submitted: 'submitted',
  Approved: 'approved',
  Rejected: 'rejected',
} as const satisfies Record<string, ReviewedStatus>;

const epochSeconds = (date: Date | null) =>
  date === null ? undefined : Math.floor(date.getTime() / 1000);

function presentAssignment(row: MturkAssignmentRow, template: Template) {
  const reviewed = epochSeconds(row.reviewed_at);
  return {
    AssignmentId: row.id,
    WorkerId: row.worker_id,
    HITId: row.task_id,
    AssignmentStatus: MTURK_STATUS[row.status],
    AutoApprovalTime: epochSeconds(row.auto_approve_at),
    AcceptTime: epochSeconds(row.accepted_at),
    SubmitTime: epochSeconds(row.submitted_at),
    ...(row.status === 'approved' && { ApprovalTime: reviewed }),
    ...(row.status === 'rejected' && { RejectionTime: reviewed }),
    Deadline: epochSeconds(row.deadline),
    Answer: questionFormAnswers(row.answers ?? {}, template),
    ...(row.feedback !== null && { RequesterFeedback: row.feedback }),
  };
}

const TOKEN_PREFIX = 'assignments';

/** The requester's assignment `id`, or MTurk's AssignmentDoesNotExist (also for another's). */
export async function requireMturkAssignment(
  assignments: Pick<MturkAssignmentsRepository, 'find'>,
  ownerId: string,
  id: string,
  now: Date,
): Promise<MturkAssignmentRow> {
  const row = isUuid(id) ? await assignments.find(ownerId, id, now) : undefined;
  if (!row) {
    throw requestError(
      `Assignment ${id} does not exist.`,
      'AWS.MechanicalTurk.AssignmentDoesNotExist',
    );
  }
  return row;
}

/**
 * Assignments of the requester's HITs: ListAssignmentsForHIT, GetAssignment, ApproveAssignment,
 * RejectAssignment, through the review service the web app uses.
 */
export function assignmentOperations(deps: {
  assignments: MturkAssignmentsRepository;
  hits: Pick<HitsService, 'getHit'>;
  review: Pick<ReviewService, 'approve' | 'reject'>;
  clock: Clock;
}): MturkOperations {
  const { assignments, hits, review, clock } = deps;

  const requireAssignment = (ownerId: string, id: string) =>
    requireMturkAssignment(assignments, ownerId, id, clock.now());

  /** MTurk's refusal of an operation the assignment's status does not allow. */
  function invalidState(allowed: string, row: MturkAssignmentRow) {
    return requestError(
      `This operation can be called with a status of: ${allowed} (the assignment is ${MTURK_STATUS[row.status]}).`,
      'AWS.MechanicalTurk.InvalidAssignmentState',
    );
  }

  return {
    GetAssignment: operation(
      z.strictObject({ AssignmentId: z.string().min(1).max(64) }),
      async (caller, input) => {
        const row = await requireAssignment(caller.user.id, input.AssignmentId);
        const hit = await hits.getHit(caller.user.id, row.task_id);
        return {
          Assignment: presentAssignment(row, hit.template),
          HIT: presentHit(hit, clock.now()),
        };
      },
    ),

    ListAssignmentsForHIT: operation(
      z.strictObject({
        HITId: z.string().min(1).max(64),
        NextToken: z.string().min(1).max(256).optional(),
        MaxResults: z.number().int().min(1).max(100).optional(),
        AssignmentStatuses: z
          .array(z.enum(['Submitted', 'Approved', 'Rejected']))
          .max(3)
          .optional(),
      }),
      async (caller, input) => {
        const hit = await hits.getHit(caller.user.id, input.HITId);
        const afterId = idOfNextToken(TOKEN_PREFIX, input.NextToken);
        const statuses = (input.AssignmentStatuses ?? ['Submitted', 'Approved', 'Rejected']).map(
          (status) => TESSERA_STATUS[status],
        );
        const limit = input.MaxResults ?? 10;
        const rows = await assignments.listForTask(
          caller.user.id,
          hit.task_id,
          { statuses, afterId, limit },
          clock.now(),
        );
        const { shown, nextToken } = pageOf(TOKEN_PREFIX, rows, limit);
        return {
          NumResults: shown.length,
          Assignments: shown.map((row) => presentAssignment(row, hit.template)),
          ...(nextToken !== undefined && { NextToken: nextToken }),
        };
      },
    ),

    ApproveAssignment: operation(
      z.strictObject({
        AssignmentId: z.string().min(1).max(64),
        RequesterFeedback: z.string().max(1_024).optional(),
        OverrideRejection: z.boolean().optional(),
      }),
      async (caller, input) => {
        const row = await requireAssignment(caller.user.id, input.AssignmentId);
        // MTurk approves a rejected assignment only when asked to override the rejection.
        const allowed = input.OverrideRejection ? ['submitted', 'rejected'] : ['submitted'];
        if (!allowed.includes(row.status)) {
          throw invalidState(input.OverrideRejection ? 'Submitted, Rejected' : 'Submitted', row);
        }
        // An overridden rejection may be past its 30 days, or need the requester's own funds.
        await asRequestError(() => review.approve(caller.user.id, row.id, input.RequesterFeedback));
        return {};
      },
    ),

    GetFileUploadURL: operation(
      z.strictObject({
        AssignmentId: z.string().min(1).max(64),
        QuestionIdentifier: z.string().min(1),
      }),
      async (caller, input) => {
        await requireAssignment(caller.user.id, input.AssignmentId);
        // No question Tessera shows takes a file, so no answer is a FileUploadAnswer.
        throw requestError(
          `The answer to question ${input.QuestionIdentifier} of assignment ${input.AssignmentId} is not a FileUploadAnswer.`,
          'AWS.MechanicalTurk.InvalidParameterValue',
        );
      },
    ),

    RejectAssignment: operation(
      z.strictObject({
        AssignmentId: z.string().min(1).max(64),
        RequesterFeedback: z.string().min(1).max(1_024),
      }),
      async (caller, input) => {
        const row = await requireAssignment(caller.user.id, input.AssignmentId);
        if (row.status !== 'submitted') throw invalidState('Submitted', row);
        // The review window may have closed (then the work is approved automatically).
        await asRequestError(() => review.reject(caller.user.id, row.id, input.RequesterFeedback));
        return {};
      },
    ),
  };
}
