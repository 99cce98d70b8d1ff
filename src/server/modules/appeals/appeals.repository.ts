import { sql } from 'kysely';
import type { AppealStatus } from '../../../shared/api/appeals.js';
import type { Db } from '../../db/database.js';
import { newestFirstPage, type KeysetRequest } from '../../db/pagination.js';

/** What every reader of an appeal is shown: the appeal, its assignment's project and worker. */
function appealQuery(trx: Db) {
  return trx
    .selectFrom('appeals as ap')
    .innerJoin('projects as p', 'p.id', 'ap.project_id')
    .innerJoin('users as u', 'u.id', 'ap.worker_id')
    .innerJoin('assignments as a', 'a.id', 'ap.assignment_id')
    .select([
      'ap.id',
      'ap.assignment_id',
      'ap.project_id',
      'ap.worker_id',
      'ap.requester_id',
      'ap.rejection_reason',
      'ap.message',
      'ap.status',
      'ap.response_deadline',
      'ap.decision_message',
      'ap.decided_by',
      'ap.automatic',
      'ap.decided_at',
      'ap.created_at',
      'p.title as project_title',
      'u.handle as worker_handle',
      'u.display_name as worker_name',
      'a.reward_cents',
      'ap.rejected_at',
    ]);
}

export type AppealListFilter = KeysetRequest & { status?: AppealStatus | undefined };

export function createAppealsRepository(db: Db) {
  return {
    async find(id: string, trx: Db = db) {
      return appealQuery(trx).where('ap.id', '=', id).executeTakeFirst();
    },

    /** The assignment as an appeal needs it: whose it is, its status and when it was rejected. */
    async findAssignment(id: string, trx: Db = db) {
      return trx
        .selectFrom('assignments as a')
        .innerJoin('projects as p', 'p.id', 'a.project_id')
        .select([
          'a.id',
          'a.project_id',
          'a.worker_id',
          'a.status',
          'a.deadline',
          'a.reviewed_at',
          'a.feedback',
          'p.owner_id',
          'p.title as project_title',
        ])
        .where('a.id', '=', id)
        .executeTakeFirst();
    },

    /**
     * The appeal, in one statement that also checks the assignment is still rejected (a reversal
     * may have just paid it); undefined when it is not, or when it was appealed already.
     */
    async insert(
      trx: Db,
      values: { assignmentId: string; message: string; now: Date; responseDeadline: Date },
    ): Promise<{ id: string } | undefined> {
      const { rows } = await sql<{ id: string }>`
        insert into appeals (assignment_id, project_id, worker_id, requester_id, rejection_reason,
          rejected_at, message, response_deadline, created_at)
        select a.id, a.project_id, a.worker_id, p.owner_id, coalesce(a.feedback, ''),
          coalesce(a.reviewed_at, ${values.now}),
          ${values.message}, ${values.responseDeadline}, ${values.now}
        from assignments a join projects p on p.id = a.project_id
        where a.id = ${values.assignmentId} and a.status = 'rejected'
        on conflict (assignment_id) do nothing
        returning id`.execute(trx);
      return rows[0];
    },

    /**
     * open → decided, only while still open (and, for `dueBy`, past its response window): of two
     * racing decisions, or a decision and the sweep, exactly one changes the row.
     */
    async decide(
      trx: Db,
      args: {
        id: string;
        status: 'overturned' | 'upheld';
        message: string | null;
        decidedBy: string | null;
        now: Date;
        /** Only an appeal still inside its response window (an uphold). */
        openAfter?: Date | undefined;
      },
    ) {
      let update = trx
        .updateTable('appeals')
        .set({
          status: args.status,
          decision_message: args.message,
          decided_by: args.decidedBy,
          automatic: args.decidedBy === null,
          decided_at: args.now,
        })
        .where('id', '=', args.id)
        .where('status', '=', 'open');
      if (args.openAfter) update = update.where('response_deadline', '>', args.openAfter);
      return update
        .returning(['id', 'assignment_id', 'project_id', 'worker_id', 'requester_id'])
        .executeTakeFirst();
    },

    /** Open appeals whose response window has passed, oldest deadline first (for the sweep). */
    async dueIds(now: Date, limit: number, trx: Db = db) {
      const rows = await trx
        .selectFrom('appeals')
        .select('id')
        .where('status', '=', 'open')
        .where('response_deadline', '<=', now)
        .orderBy('response_deadline')
        .orderBy('id')
        .limit(limit)
        .execute();
      return rows.map((r) => r.id);
    },

    /**
     * Locks one due appeal for the sweep, passing over it when a decision (or another instance)
     * holds it: whoever holds it decides it.
     */
    async lockDue(trx: Db, id: string, now: Date) {
      return trx
        .selectFrom('appeals')
        .select('id')
        .where('id', '=', id)
        .where('status', '=', 'open')
        .where('response_deadline', '<=', now)
        .forUpdate()
        .skipLocked()
        .executeTakeFirst();
    },

    /** Adds a decision to the requester's kept counts (their reputation's overturned share). */
    async countDecision(trx: Db, requesterId: string, overturned: boolean) {
      await trx
        .insertInto('user_reputation')
        .values({
          user_id: requesterId,
          appeals_decided: 1,
          appeals_overturned: overturned ? 1 : 0,
        })
        .onConflict((oc) =>
          oc.column('user_id').doUpdateSet((eb) => ({
            appeals_decided: eb('user_reputation.appeals_decided', '+', 1),
            appeals_overturned: eb('user_reputation.appeals_overturned', '+', overturned ? 1 : 0),
          })),
        )
        .execute();
    },

    async listForWorker(workerId: string, filter: AppealListFilter, trx: Db = db) {
      let query = appealQuery(trx).where('ap.worker_id', '=', workerId);
      if (filter.status) query = query.where('ap.status', '=', filter.status);
      return newestFirstPage(query, ['ap.created_at', 'ap.id'], filter).execute();
    },

    async listForProject(projectId: string, filter: AppealListFilter, trx: Db = db) {
      let query = appealQuery(trx).where('ap.project_id', '=', projectId);
      if (filter.status) query = query.where('ap.status', '=', filter.status);
      return newestFirstPage(query, ['ap.created_at', 'ap.id'], filter).execute();
    },

    async openCount(where: { projectId?: string; workerId?: string }, trx: Db = db) {
      let query = trx
        .selectFrom('appeals')
        .select(sql<number>`count(*)::int`.as('n'))
        .where('status', '=', 'open');
      if (where.projectId) query = query.where('project_id', '=', where.projectId);
      if (where.workerId) query = query.where('worker_id', '=', where.workerId);
      const row = await query.executeTakeFirstOrThrow();
      return Number(row.n);
    },

    /** The appeals of these assignments, for showing beside them. */
    async ofAssignments(assignmentIds: readonly string[], trx: Db = db) {
      if (!assignmentIds.length) return [];
      return trx
        .selectFrom('appeals')
        .select(['id', 'assignment_id', 'status', 'response_deadline'])
        .where('assignment_id', 'in', assignmentIds)
        .execute();
    },

    async findProjectOwner(projectId: string, trx: Db = db) {
      return trx
        .selectFrom('projects')
        .select(['id', 'owner_id'])
        .where('id', '=', projectId)
        .executeTakeFirst();
    },
  };
}

export type AppealsRepository = ReturnType<typeof createAppealsRepository>;
export type AppealRow = NonNullable<Awaited<ReturnType<AppealsRepository['find']>>>;
