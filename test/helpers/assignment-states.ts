import { sql } from 'kysely';
import type { Db } from '../../src/server/db/database.js';

/**
 * Assignments in a state the lifecycle cannot produce, from the raw tables; each list is empty
 * when all is well:
 * - submitted, approved or rejected without answers or a submit time;
 * - approved or rejected without a review time; returned or expired without its time;
 * - approved without exactly one payment, or paid without being approved;
 * - a task with more live assignments (accepted, submitted, approved) than slots;
 * - a worker holding two assignments of one task.
 */
export async function assignmentViolations(db: Db) {
  const { rows: notSubmittedProperly } = await sql<{ id: string; status: string }>`
    select id, status from assignments
    where status in ('submitted', 'approved', 'rejected')
      and (submitted_at is null or answers is null)`.execute(db);
  const { rows: missingTimes } = await sql<{ id: string; status: string }>`
    select id, status from assignments
    where (status in ('approved', 'rejected') and reviewed_at is null)
       or (status = 'returned' and returned_at is null)
       or (status = 'expired' and expired_at is null)`.execute(db);
  const { rows: payments } = await sql<{ id: string; status: string; payments: number }>`
    select a.id, a.status, count(t.id)::int as payments
    from assignments a
    left join ledger_transactions t on t.assignment_id = a.id and t.kind = 'payment'
    group by a.id, a.status
    having (a.status = 'approved') <> (count(t.id) = 1) or count(t.id) > 1`.execute(db);
  const { rows: overfilled } = await sql<{ id: string; slots: number; live: number }>`
    select t.id, t.assignments_per_task as slots, count(a.id)::int as live
    from tasks t join assignments a on a.task_id = t.id
    where a.status in ('accepted', 'submitted', 'approved') and a.holds_slot
    group by t.id, t.assignments_per_task
    having count(a.id) > t.assignments_per_task`.execute(db);
  const { rows: twice } = await sql<{ task_id: string; worker_id: string }>`
    select task_id, worker_id from assignments
    group by task_id, worker_id having count(*) > 1`.execute(db);
  return { notSubmittedProperly, missingTimes, payments, overfilled, twice };
}

export const NO_ASSIGNMENT_VIOLATIONS = {
  notSubmittedProperly: [],
  missingTimes: [],
  payments: [],
  overfilled: [],
  twice: [],
};
