import { sql } from 'kysely';
import type { Db } from '../../db/database.js';

/** What a change to one HIT holds locked: its task's own terms and its project's status. */
export type LockedTask = {
  task_id: string;
  batch_id: string;
  project_id: string;
  project_title: string;
  project_status: string;
  reward_cents: number;
};

/** What the requester recorded about one HIT, written inside the change's transaction. */
export type HitMark = { expired_at?: Date; disposed_at?: Date; max_assignments?: number };

/**
 * The writes of UpdateExpirationForHIT, DeleteHIT and CreateAdditionalAssignmentsForHIT: each
 * runs inside one transaction that first locks the HIT's project (`FOR UPDATE`, which a worker's
 * claim conflicts with), so a slot is never both given to a worker and withdrawn or refunded.
 */
export function createHitChangesRepository(db: Db) {
  return {
    transaction<T>(work: (trx: Db) => Promise<T>): Promise<T> {
      return db.transaction().execute(work);
    },

    /** Locks the project of the owner's task, and reads the task; undefined if it is not theirs. */
    async lockTask(trx: Db, ownerId: string, taskId: string): Promise<LockedTask | undefined> {
      const task = await trx
        .selectFrom('tasks')
        .select(['id', 'batch_id', 'project_id'])
        .where('id', '=', taskId)
        .executeTakeFirst();
      if (!task) return undefined;
      const project = await trx
        .selectFrom('projects')
        .select(['title', 'status'])
        .where('id', '=', task.project_id)
        .where('owner_id', '=', ownerId)
        .forUpdate()
        .executeTakeFirst();
      if (!project) return undefined;
      // Read after the lock: a claim that committed meanwhile is counted.
      const { reward_cents } = await trx
        .selectFrom('tasks')
        .select('reward_cents')
        .where('id', '=', taskId)
        .executeTakeFirstOrThrow();
      return {
        task_id: task.id,
        batch_id: task.batch_id,
        project_id: task.project_id,
        project_title: project.title,
        project_status: project.status,
        reward_cents,
      };
    },

    /**
     * Withdraws the task as a cancelled batch's are: no slot is offered again, its free slots are
     * removed (work in progress keeps its own). Returns how many slots were removed; a task
     * withdrawn before gives none (the cancellation sweep removes slots freed since).
     */
    async withdrawTask(trx: Db, taskId: string, now: Date): Promise<number> {
      const { rows } = await sql<{ freed: number }>`
        with locked as (
          select id, assignments_per_task - live_assignments as freed from tasks
          where id = ${taskId} and cancelled_at is null
          for update
        )
        update tasks set assignments_per_task = tasks.live_assignments, cancelled_at = ${now}
        from locked where tasks.id = locked.id
        returning locked.freed`.execute(trx);
      return Number(rows[0]?.freed ?? 0);
    },

    /** Escrow a withdrawal returned, on the batch's account of what it released. */
    async addReleasedCents(trx: Db, batchId: string, cents: number): Promise<void> {
      await trx
        .updateTable('batches')
        .set({ released_cents: sql<number>`released_cents + ${cents}` })
        .where('id', '=', batchId)
        .execute();
    },

    /** More slots on the task, and their escrow on its batch's account of what it holds. */
    async addSlots(trx: Db, task: LockedTask, slots: number, cents: number): Promise<void> {
      await trx
        .updateTable('tasks')
        .set({ assignments_per_task: sql<number>`assignments_per_task + ${slots}` })
        .where('id', '=', task.task_id)
        .execute();
      await trx
        .updateTable('batches')
        .set({ escrow_cents: sql<number>`escrow_cents + ${cents}` })
        .where('id', '=', task.batch_id)
        .execute();
    },

    async markHit(trx: Db, taskId: string, mark: HitMark): Promise<void> {
      await trx
        .insertInto('mturk_hits')
        .values({ task_id: taskId, ...mark })
        .onConflict((oc) => oc.column('task_id').doUpdateSet(mark))
        .execute();
    },
  };
}

export type HitChangesRepository = ReturnType<typeof createHitChangesRepository>;
