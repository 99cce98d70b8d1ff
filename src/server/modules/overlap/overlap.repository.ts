import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import { projectHeading } from '../../db/project-heading.js';
import type { Template } from '../../../shared/templates/index.js';

/** A task of an adaptive-overlap project, locked while its next slot is decided. */
export type OverlapTask = {
  id: string;
  project_id: string;
  assignments_per_task: number;
  reserve_slots: number;
  reward_cents: number;
  gold: boolean;
};

/** One assignment of such a task that holds or held its answer. */
export type TaskAnswer = {
  task_id: string;
  status: 'accepted' | 'submitted' | 'approved';
  holds_slot: boolean;
  answers: Record<string, unknown> | null;
};

export function createOverlapRepository() {
  return {
    /** Of these tasks, those that still hold reserve slots (a cheap check before any lock). */
    async tasksWithReserve(trx: Db, taskIds: readonly string[]) {
      if (taskIds.length === 0) return [];
      return trx
        .selectFrom('tasks')
        .select(['id', 'project_id'])
        .where('id', 'in', taskIds)
        .where('reserve_slots', '>', 0)
        .where('cancelled_at', 'is', null)
        .execute();
    },

    /**
     * The projects, under the key-share lock a claim takes: a cancel, completion or batch
     * cancellation (`FOR UPDATE`) waits for this transaction or goes first, so a reserve is never
     * returned both here and by the project's settlement.
     */
    async lockProjects(trx: Db, projectIds: readonly string[]) {
      if (projectIds.length === 0) return [];
      return trx
        .selectFrom('projects')
        .select([
          ...projectHeading,
          'template',
          'overlap_agreement_percent',
          'top_up_reserve_cents',
        ])
        .where('id', 'in', projectIds)
        .orderBy('id')
        .forKeyShare()
        .$castTo<{
          id: string;
          owner_id: string;
          title: string;
          status: string;
          template: Template;
          overlap_agreement_percent: number | null;
          top_up_reserve_cents: number;
        }>()
        .execute();
    },

    /**
     * The tasks, locked `FOR UPDATE` in id order (so two deciders never deadlock), re-read under
     * the lock: two submits of one task decide one after the other, the second seeing the first.
     */
    async lockTasks(trx: Db, taskIds: readonly string[]): Promise<OverlapTask[]> {
      if (taskIds.length === 0) return [];
      const { rows } = await sql<OverlapTask>`
        select t.id, t.project_id, t.assignments_per_task, t.reserve_slots, t.reward_cents,
               exists (select 1 from task_gold g where g.task_id = t.id) as gold
        from tasks t
        where t.id in (${sql.join(taskIds)}) and t.reserve_slots > 0 and t.cancelled_at is null
        order by t.id
        for update of t`.execute(trx);
      return rows;
    },

    async answersOf(trx: Db, taskIds: readonly string[]): Promise<TaskAnswer[]> {
      if (taskIds.length === 0) return [];
      return trx
        .selectFrom('assignments')
        .select(['task_id', 'status', 'holds_slot', 'answers'])
        .where('task_id', 'in', taskIds)
        .where('status', 'in', ['accepted', 'submitted', 'approved'])
        .$castTo<TaskAnswer>()
        .execute();
    },

    /** One reserve slot becomes an open one (its escrow is already held). */
    async openSlot(trx: Db, taskId: string): Promise<void> {
      await trx
        .updateTable('tasks')
        .set((eb) => ({
          assignments_per_task: eb('assignments_per_task', '+', 1),
          reserve_slots: eb('reserve_slots', '-', 1),
          extra_slots: eb('extra_slots', '+', 1),
        }))
        .where('id', '=', taskId)
        .where('reserve_slots', '>', 0)
        .execute();
    },

    /** The task settled: its reserve is no longer held (the caller returns its escrow). */
    async dropReserve(trx: Db, taskIds: readonly string[]): Promise<void> {
      if (taskIds.length === 0) return;
      await trx.updateTable('tasks').set({ reserve_slots: 0 }).where('id', 'in', taskIds).execute();
    },
  };
}

export type OverlapRepository = ReturnType<typeof createOverlapRepository>;
