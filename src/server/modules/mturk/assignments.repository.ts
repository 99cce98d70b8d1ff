import type { Db } from '../../db/database.js';
import { effectiveStatusIn } from '../../db/assignment-status.js';
import { keyOrderPage } from '../../db/pagination.js';

/** The reviewable states MTurk shows (work in progress is not an assignment to it yet). */
export type ReviewedStatus = 'submitted' | 'approved' | 'rejected';

export type MturkAssignmentRow = {
  id: string;
  task_id: string;
  worker_id: string;
  status: ReviewedStatus;
  accepted_at: Date;
  deadline: Date;
  submitted_at: Date | null;
  reviewed_at: Date | null;
  auto_approve_at: Date | null;
  feedback: string | null;
  answers: Record<string, unknown> | null;
};

const columns = [
  'a.id',
  'a.task_id',
  'a.worker_id',
  'a.status',
  'a.accepted_at',
  'a.deadline',
  'a.submitted_at',
  'a.reviewed_at',
  'a.auto_approve_at',
  'a.feedback',
  'a.answers',
] as const;

/** Submitted and reviewed assignments of a requester's projects, as MTurk's operations read them. */
export function createMturkAssignmentsRepository(db: Db) {
  function ofOwner(ownerId: string, statuses: readonly ReviewedStatus[], now: Date) {
    return db
      .selectFrom('assignments as a')
      .innerJoin('projects as p', 'p.id', 'a.project_id')
      .select(columns)
      .where('p.owner_id', '=', ownerId)
      .where(effectiveStatusIn(statuses, now, 'a'));
  }

  return {
    async find(ownerId: string, id: string, now: Date): Promise<MturkAssignmentRow | undefined> {
      const row = await ofOwner(ownerId, ['submitted', 'approved', 'rejected'], now)
        .where('a.id', '=', id)
        .executeTakeFirst();
      // ofOwner keeps only the reviewed statuses, which the selected column's type cannot say.
      return row as MturkAssignmentRow | undefined;
    },

    /** A task's assignments in these states, oldest submission first, after the `after` one. */
    async listForTask(
      ownerId: string,
      taskId: string,
      page: { statuses: readonly ReviewedStatus[]; afterId: string | undefined; limit: number },
      now: Date,
    ): Promise<MturkAssignmentRow[]> {
      const query = ofOwner(ownerId, page.statuses, now).where('a.task_id', '=', taskId);
      const rows = await keyOrderPage(query, 'a.id', 'asc', {
        limit: page.limit,
        after: page.afterId,
      }).execute();
      // As in find: the statuses are filtered in SQL.
      return rows as MturkAssignmentRow[];
    },
  };
}

export type MturkAssignmentsRepository = ReturnType<typeof createMturkAssignmentsRepository>;
