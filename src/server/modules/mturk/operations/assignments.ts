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
import { requestError } from '../mturk-errors.js';
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

const TOKEN_PREFIX = 'assignments:';

/** Assignments of the requester's HITs: ListAssignmentsForHIT, GetAssignment, ApproveAssignment. */
export function assignmentOperations(deps: {
  assignments: MturkAssignmentsRepository;
  hits: Pick<HitsService, 'getHit'>;
  review: Pick<ReviewService, 'approve'>;
  clock: Clock;
}): MturkOperations {
  const { assignments, hits, review, clock } = deps;

  async function requireAssignment(ownerId: string, id: string) {
    const row = isUuid(id) ? await assignments.find(ownerId, id, clock.now()) : undefined;
    if (!row) {
      throw requestError(
        `Assignment ${id} does not exist.`,
        'AWS.MechanicalTurk.AssignmentDoesNotExist',
      );
    }
    return row;
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
        let afterId: string | undefined;
        if (input.NextToken !== undefined) {
          const decoded = Buffer.from(input.NextToken, 'base64url').toString('utf8');
          afterId = decoded.slice(TOKEN_PREFIX.length);
          if (!decoded.startsWith(TOKEN_PREFIX) || !isUuid(afterId)) {
            throw requestError(
              'NextToken is not one this server gave out.',
              'AWS.MechanicalTurk.InvalidParameterValue',
            );
          }
        }
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
        const shown = rows.slice(0, limit);
        const last = shown.at(-1);
        return {
          NumResults: shown.length,
          Assignments: shown.map((row) => presentAssignment(row, hit.template)),
          ...(rows.length > limit &&
            last && { NextToken: Buffer.from(`${TOKEN_PREFIX}${last.id}`).toString('base64url') }),
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
          throw requestError(
            `This operation can be called with a status of: ${input.OverrideRejection ? 'Submitted, Rejected' : 'Submitted'} (the assignment is ${MTURK_STATUS[row.status]}).`,
            'AWS.MechanicalTurk.InvalidAssignmentState',
          );
        }
        await review.approve(caller.user.id, row.id, input.RequesterFeedback);
        return {};
      },
    ),
  };
}
