import type { Db } from '../../db/database.js';
import { keyOrderPage } from '../../db/pagination.js';

export type MturkBonusRow = {
  id: string;
  worker_id: string;
  amount_cents: number;
  assignment_id: string;
  reason: string;
  created_at: Date;
};

/** Bonuses a requester paid, as ListBonusPayments reads them. */
export function createMturkBonusesRepository(db: Db) {
  return {
    /** The bonuses of one HIT (task) or one assignment, in id order after `afterId`. */
    async list(
      ownerId: string,
      of: { taskId: string } | { assignmentId: string },
      page: { afterId: string | undefined; limit: number },
    ): Promise<MturkBonusRow[]> {
      let query = db
        .selectFrom('bonuses as b')
        .innerJoin('assignments as a', 'a.id', 'b.assignment_id')
        .select(['b.id', 'b.worker_id', 'b.amount_cents', 'b.assignment_id', 'b.reason'])
        .select('b.created_at')
        .where('b.requester_id', '=', ownerId);
      query =
        'taskId' in of
          ? query.where('a.task_id', '=', of.taskId)
          : query.where('b.assignment_id', '=', of.assignmentId);
      return keyOrderPage(query, 'b.id', 'asc', {
        limit: page.limit,
        after: page.afterId,
      }).execute();
    },
  };
}

export type MturkBonusesRepository = ReturnType<typeof createMturkBonusesRepository>;
