import { sql } from 'kysely';
import type { Db } from '../../db/database.js';

/** A project as a move of a HIT into or out of it needs it, read under its lock. */
export type LockedProject = {
  id: string;
  title: string;
  status: string;
  reward_cents: number;
  expires_at: Date;
  published_at: Date | null;
};

/** The HIT's task as a move reads it, after both projects are locked. */
export type MovingTask = {
  id: string;
  batch_id: string;
  project_id: string;
  reward_cents: number;
  assignments_per_task: number;
  live_assignments: number;
};

/** The HIT group row a project has when the API made it (MTurk's HIT type, question, slots). */
export type HitGroup = {
  project_id: string;
  hit_type_id: string;
  question: string;
  question_sha256: string;
  max_assignments: number;
};

/**
 * The writes that move one HIT (a task in its one-row batch) from its project to another of the
 * same requester: UpdateHITTypeOfHIT, and UpdateExpirationForHIT to a sooner time for a HIT that
 * shares its project. Every method runs inside the caller's transaction, which has locked both
 * projects (`lockProjects`) before it reads the task, so no claim, import or settlement of
 * either project runs meanwhile.
 */
export function createHitMovesRepository(db: Db) {
  return {
    transaction<T>(work: (trx: Db) => Promise<T>): Promise<T> {
      return db.transaction().execute(work);
    },

    async groupOf(projectId: string, trx: Db = db): Promise<HitGroup | undefined> {
      return trx
        .selectFrom('mturk_hit_groups')
        .select(['project_id', 'hit_type_id', 'question', 'question_sha256', 'max_assignments'])
        .where('project_id', '=', projectId)
        .executeTakeFirst();
    },

    async insertGroup(trx: Db, group: HitGroup): Promise<void> {
      await trx.insertInto('mturk_hit_groups').values(group).execute();
    },

    /**
     * Locks the owner's projects in id order (two moves that lock the same pair cannot wait on
     * each other), and reads them; a project that is not the owner's is left out.
     */
    async lockProjects(trx: Db, ownerId: string, ids: string[]): Promise<LockedProject[]> {
      const locked: LockedProject[] = [];
      for (const id of [...new Set(ids)].sort()) {
        const project = await trx
          .selectFrom('projects')
          .select(['id', 'title', 'status', 'reward_cents', 'expires_at', 'published_at'])
          .where('id', '=', id)
          .where('owner_id', '=', ownerId)
          .forUpdate()
          .executeTakeFirst();
        if (project) locked.push(project);
      }
      return locked;
    },

    async readTask(trx: Db, taskId: string): Promise<MovingTask | undefined> {
      return trx
        .selectFrom('tasks')
        .select([
          'id',
          'batch_id',
          'project_id',
          'reward_cents',
          'assignments_per_task',
          'live_assignments',
        ])
        .where('id', '=', taskId)
        .executeTakeFirst();
    },

    /** The rewards of the task's work in progress (accepted or submitted): each holds a slot. */
    async rewardsInProgress(trx: Db, taskId: string): Promise<number[]> {
      const rows = await trx
        .selectFrom('assignments')
        .select('reward_cents')
        .where('task_id', '=', taskId)
        .where('status', 'in', ['accepted', 'submitted'])
        .execute();
      return rows.map((row) => Number(row.reward_cents));
    },

    /**
     * The task, its batch, its assignments and its aggregates into `toProjectId`, numbered after
     * that project's last task, with `rewardCents` for the slots not yet taken (assignments keep
     * the reward they were accepted at). The projects' task counts follow, and their open-task
     * counts: the trigger on tasks counts a change of a task's slots, not of its project.
     */
    async moveTask(
      trx: Db,
      task: MovingTask,
      toProjectId: string,
      rewardCents: number,
    ): Promise<void> {
      await sql`
        update tasks set project_id = ${toProjectId}, reward_cents = ${rewardCents},
          number = (select coalesce(max(number), 0) + 1 from tasks where project_id = ${toProjectId})
        where id = ${task.id}`.execute(trx);
      await trx
        .updateTable('batches')
        .set({ project_id: toProjectId })
        .where('id', '=', task.batch_id)
        .execute();
      await trx
        .updateTable('assignments')
        .set({ project_id: toProjectId })
        .where('task_id', '=', task.id)
        .execute();
      await trx
        .updateTable('task_aggregates')
        .set({ project_id: toProjectId })
        .where('task_id', '=', task.id)
        .execute();
      const open = task.live_assignments < task.assignments_per_task ? 1 : 0;
      await trx
        .updateTable('projects')
        .set({
          task_count: sql<number>`task_count - 1`,
          open_tasks: sql<number>`open_tasks - ${open}`,
        })
        .where('id', '=', task.project_id)
        .execute();
      await trx
        .updateTable('projects')
        .set({
          task_count: sql<number>`task_count + 1`,
          open_tasks: sql<number>`open_tasks + ${open}`,
        })
        .where('id', '=', toProjectId)
        .execute();
    },

    /**
     * The batch's account of its money after its free slots changed price: more escrowed when
     * dearer, the difference released when cheaper.
     */
    async repriceBatch(trx: Db, batchId: string, extraCents: number): Promise<void> {
      if (extraCents === 0) return;
      await trx
        .updateTable('batches')
        .set(
          extraCents > 0
            ? { escrow_cents: sql<number>`escrow_cents + ${extraCents}` }
            : { released_cents: sql<number>`released_cents + ${-extraCents}` },
        )
        .where('id', '=', batchId)
        .execute();
    },

    /** A draft made for a moved HIT opens with it: its escrow is what the move brings. */
    async publishDraft(trx: Db, projectId: string, now: Date): Promise<void> {
      await trx
        .updateTable('projects')
        .set({ status: 'published', published_at: now, updated_at: now })
        .where('id', '=', projectId)
        .where('status', '=', 'draft')
        .execute();
    },

    /** A project stays open at least until `at`, for a HIT moved into it that lives that long. */
    async keepOpenUntil(trx: Db, projectId: string, at: Date): Promise<void> {
      await trx
        .updateTable('projects')
        .set({ expires_at: at })
        .where('id', '=', projectId)
        .where('expires_at', '<', at)
        .execute();
    },

    /** A sooner expiry of a project that holds one HIT alone (the settlement sweep closes it). */
    async setExpiry(trx: Db, projectId: string, at: Date): Promise<void> {
      await trx
        .updateTable('projects')
        .set({ expires_at: at })
        .where('id', '=', projectId)
        .execute();
    },

    async taskCount(trx: Db, projectId: string): Promise<number> {
      const row = await trx
        .selectFrom('projects')
        .select('task_count')
        .where('id', '=', projectId)
        .executeTakeFirstOrThrow();
      return Number(row.task_count);
    },
  };
}

export type HitMovesRepository = ReturnType<typeof createHitMovesRepository>;
