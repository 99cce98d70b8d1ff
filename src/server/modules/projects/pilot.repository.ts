import { sql } from 'kysely';
import { assignmentColumns } from '../../db/assignment-columns.js';
import type { Db } from '../../db/database.js';
import { newestFirstPage, type KeysetRequest } from '../../db/pagination.js';

/**
 * A pilot run's tasks (DESIGN §10, migration 20261211010000). The tasks after the pilot's keep no
 * slots while it runs: nothing claims them, they owe no escrow, and every rule that counts slots
 * (the claim, the feed's open tasks, settlement, the ledger's invariants) needs no pilot case.
 */
export function createPilotRepository(db: Db) {
  return {
    /**
     * Holds back every task of the project after its first `taskCount` (upload order), and sets
     * each batch's escrow to its pilot tasks' share. Returns the `seq` of the last pilot task.
     */
    async holdBackRest(
      projectId: string,
      taskCount: number,
      centsPerRow: number,
      trx: Db,
    ): Promise<number> {
      const last = await trx
        .selectFrom('tasks')
        .select('seq')
        .where('project_id', '=', projectId)
        .orderBy('seq')
        .offset(taskCount - 1)
        .limit(1)
        .executeTakeFirstOrThrow();
      await trx
        .updateTable('tasks')
        .set({ assignments_per_task: 0, reserve_slots: 0 })
        .where('project_id', '=', projectId)
        .where('seq', '>', last.seq)
        .execute();
      await sql`
        update batches b set escrow_cents = ${centsPerRow}::bigint * (
          select count(*) from tasks t where t.batch_id = b.id and t.seq <= ${last.seq})
        where b.project_id = ${projectId}`.execute(trx);
      return last.seq;
    },

    /**
     * Gives the held-back tasks (after `lastPilotSeq`, not cancelled) their slots, adding to any
     * they hold, and their batches their escrow, in one statement. Returns how many it opened.
     */
    async openRest(
      args: {
        projectId: string;
        lastPilotSeq: number;
        assignmentsPerTask: number;
        reserveSlots: number;
        centsPerRow: number;
      },
      trx: Db,
    ): Promise<number> {
      const { rows } = await sql<{ n: number }>`
        with opened as (
          update tasks set assignments_per_task = assignments_per_task + ${args.assignmentsPerTask}::int,
                           reserve_slots = reserve_slots + ${args.reserveSlots}::int
          where project_id = ${args.projectId} and seq > ${args.lastPilotSeq}
            and cancelled_at is null
          returning batch_id
        ), by_batch as (
          select batch_id, count(*)::int as n from opened group by batch_id
        ), escrowed as (
          -- Runs whether or not it is read, as every data-modifying WITH does.
          update batches b set escrow_cents = b.escrow_cents + ${args.centsPerRow}::bigint * c.n
          from by_batch c where b.id = c.batch_id
        )
        select coalesce(sum(n), 0)::int as n from by_batch`.execute(trx);
      return Number(rows[0]?.n ?? 0);
    },

    /** A project's pilot work, newest first, with each task's data and the worker's handle. */
    async listSubmissions(projectId: string, page: KeysetRequest, trx: Db = db) {
      const query = trx
        .selectFrom('assignments as a')
        .innerJoin('projects as p', 'p.id', 'a.project_id')
        .innerJoin('tasks as t', 't.id', 'a.task_id')
        .innerJoin('users as u', 'u.id', 'a.worker_id')
        .select([...assignmentColumns, 't.number as task_number', 't.data as task_data'])
        .select('u.handle as worker_handle')
        .where('a.project_id', '=', projectId)
        .where('a.pilot', '=', true);
      return newestFirstPage(query, ['a.accepted_at', 'a.id'], page).execute();
    },
  };
}

export type PilotRepository = ReturnType<typeof createPilotRepository>;
