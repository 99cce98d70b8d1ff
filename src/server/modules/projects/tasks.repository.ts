import { sql, type Selectable } from 'kysely';
import { deletedCount } from '../../db/affected-rows.js';
import type { Db } from '../../db/database.js';
import {
  counterCursor,
  fromCursor,
  keyOrderPage,
  newestFirstPage,
  type CursorRequest,
} from '../../db/pagination.js';
import type { Batches, Tasks } from '../../db/schema.js';

export type BatchRow = Selectable<Batches>;
export type TaskRow = Omit<
  Selectable<Tasks>,
  'assignments_per_task' | 'live_assignments' | 'reserve_slots' | 'extra_slots'
>;

const TASK_COLUMNS = [
  'id',
  'seq',
  'project_id',
  'batch_id',
  'row_number',
  'number',
  'data',
  'reward_cents',
  'created_at',
  'cancelled_at',
] as const;

/** JSON text of one row as an object, built without an intermediate object per row. */
function rowJson(quotedColumns: readonly string[], row: readonly string[]): string {
  let json = '{';
  for (let i = 0; i < quotedColumns.length; i++) {
    if (i > 0) json += ',';
    json += `${quotedColumns[i]}:${JSON.stringify(row[i] ?? '')}`;
  }
  return `${json}}`;
}

/** Tasks are listed in upload order: the cursor is the last task's `seq`. */
export const taskCursor = counterCursor('t', 18);

export function createTasksRepository(db: Db) {
  return {
    async findBatch(id: string, trx: Db = db): Promise<BatchRow | undefined> {
      return trx.selectFrom('batches').selectAll().where('id', '=', id).executeTakeFirst();
    },

    async insertBatch(
      batch: {
        projectId: string;
        filename: string | null;
        columns: string[];
        rowCount: number;
        escrowCents: number;
      },
      trx: Db = db,
    ): Promise<BatchRow> {
      return trx
        .insertInto('batches')
        .values({
          project_id: batch.projectId,
          filename: batch.filename,
          columns: batch.columns,
          row_count: batch.rowCount,
          escrow_cents: batch.escrowCents,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
    },

    /**
     * One task per row of a chunk, in upload order: its row numbered on from `rowsBefore` within
     * the batch, its task number on from the project's highest (the caller holds the project's
     * row lock, so no other import numbers at the same time). One statement that expands a JSON
     * array on the server: one parameter instead of one per value.
     */
    async insertTasks(
      args: {
        projectId: string;
        batchId: string;
        columns: readonly string[];
        rowsBefore: number;
        rows: readonly (readonly string[])[];
        rewardCents: number;
        assignmentsPerTask: number;
        /** Adaptive overlap's escrowed room beyond `assignmentsPerTask` (0 without it). */
        reserveSlots: number;
      },
      trx: Db = db,
    ): Promise<void> {
      const quoted = args.columns.map((c) => JSON.stringify(c));
      const json = `[${args.rows.map((row) => rowJson(quoted, row)).join(',')}]`;
      await sql`
        insert into tasks (project_id, batch_id, row_number, number, data, reward_cents,
                           assignments_per_task, reserve_slots)
        select ${args.projectId}::uuid, ${args.batchId}::uuid, ${args.rowsBefore}::int + t.n::int,
               last.number + t.n::int, t.d, ${args.rewardCents}::int, ${args.assignmentsPerTask}::int,
               ${args.reserveSlots}::int
        from jsonb_array_elements(${json}::jsonb) with ordinality as t(d, n)
        cross join (select coalesce(max(number), 0) as number from tasks
                    where project_id = ${args.projectId}::uuid) last
        order by t.n`.execute(trx);
    },

    /** One of the project's batches. */
    async findProjectBatch(
      projectId: string,
      batchId: string,
      trx: Db = db,
    ): Promise<BatchRow | undefined> {
      return trx
        .selectFrom('batches')
        .selectAll()
        .where('id', '=', batchId)
        .where('project_id', '=', projectId)
        .executeTakeFirst();
    },

    /**
     * Deletes a draft's batch with its tasks and the Idempotency-Keys that would replay its upload
     * (a retry with such a key imports anew). Returns how many tasks went.
     */
    async deleteBatch(batch: BatchRow, ownerId: string, trx: Db = db): Promise<number> {
      const removed = await deletedCount(
        trx
          .deleteFrom('tasks')
          .where('project_id', '=', batch.project_id)
          .where('batch_id', '=', batch.id),
      );
      await trx.deleteFrom('batches').where('id', '=', batch.id).execute();
      await trx
        .deleteFrom('idempotency_keys')
        .where('caller_id', '=', ownerId)
        .where('resource_id', '=', batch.id)
        .execute();
      return removed;
    },

    /**
     * Marks the batch's tasks cancelled and removes their free slots (slots come down to those
     * held by accepted, submitted or approved work), in one statement over rows it locks: a claim
     * that reaches a task after this re-reads it and finds no free slot, and one that came first
     * holds its slot, which is then not removed. Returns the slots removed, by reward.
     */
    async cancelBatchTasks(
      batch: BatchRow,
      now: Date,
      trx: Db = db,
    ): Promise<{ rewardCents: number; slots: number }[]> {
      const { rows } = await sql<{ reward_cents: number; slots: number }>`
        with locked as (
          -- Free slots and adaptive overlap's reserve: none of them will be taken now.
          select id, assignments_per_task - live_assignments + reserve_slots as freed, reward_cents
          from tasks
          where project_id = ${batch.project_id} and batch_id = ${batch.id} and cancelled_at is null
          for update
        ), cancelled as (
          update tasks set assignments_per_task = tasks.live_assignments, reserve_slots = 0,
            cancelled_at = ${now}
          from locked where tasks.id = locked.id
          returning locked.freed, locked.reward_cents
        )
        select reward_cents, sum(freed)::int as slots from cancelled
        group by reward_cents`.execute(trx);
      return rows.map((r) => ({ rewardCents: Number(r.reward_cents), slots: Number(r.slots) }));
    },

    async markBatchCancelled(
      batchId: string,
      now: Date,
      releasedCents: number,
      trx: Db = db,
    ): Promise<BatchRow> {
      return trx
        .updateTable('batches')
        .set({ status: 'cancelled', cancelled_at: now, released_cents: releasedCents })
        .where('id', '=', batchId)
        .returningAll()
        .executeTakeFirstOrThrow();
    },

    /** Projects with cancelled tasks whose slots were freed after the cancellation. */
    async projectsWithFreedCancelledSlots(limit: number, trx: Db = db): Promise<string[]> {
      const { rows } = await sql<{ project_id: string }>`
        select distinct project_id from tasks
        where cancelled_at is not null and live_assignments < assignments_per_task
        limit ${limit}`.execute(trx);
      return rows.map((r) => r.project_id);
    },

    /**
     * Removes slots of a project's cancelled tasks freed since (a return, an expiry, a rejection),
     * skipping rows another transaction holds. Returns the slots removed, by batch and reward.
     */
    async removeFreedCancelledSlots(
      projectId: string,
      trx: Db = db,
    ): Promise<{ batchId: string; rewardCents: number; slots: number }[]> {
      const { rows } = await sql<{ batch_id: string; reward_cents: number; slots: number }>`
        with locked as (
          select id, batch_id, assignments_per_task - live_assignments as freed, reward_cents
          from tasks
          where project_id = ${projectId} and cancelled_at is not null
            and live_assignments < assignments_per_task
          for update skip locked
        ), removed as (
          update tasks set assignments_per_task = tasks.live_assignments
          from locked where tasks.id = locked.id
          returning locked.batch_id, locked.freed, locked.reward_cents
        )
        select batch_id, reward_cents, sum(freed)::int as slots from removed
        group by batch_id, reward_cents`.execute(trx);
      return rows.map((r) => ({
        batchId: r.batch_id,
        rewardCents: Number(r.reward_cents),
        slots: Number(r.slots),
      }));
    },

    async addReleasedCents(batchId: string, cents: number, trx: Db = db): Promise<void> {
      await trx
        .updateTable('batches')
        .set({ released_cents: sql<number>`released_cents + ${cents}` })
        .where('id', '=', batchId)
        .execute();
    },

    /** What a draft's batches escrow when it is published: each its rows × slots × price. */
    async setDraftBatchEscrow(projectId: string, centsPerRow: number, trx: Db = db): Promise<void> {
      await trx
        .updateTable('batches')
        .set({ escrow_cents: sql<number>`row_count::bigint * ${centsPerRow}::bigint` })
        .where('project_id', '=', projectId)
        .execute();
    },

    /** Every distinct header of the project's batches, to check a template against its data. */
    async batchColumns(
      projectId: string,
      trx: Db = db,
    ): Promise<{ id: string; columns: string[] }[]> {
      return trx
        .selectFrom('batches')
        .select(['id', 'columns'])
        .where('project_id', '=', projectId)
        .execute();
    },

    async listBatches(projectId: string, page: CursorRequest, trx: Db = db): Promise<BatchRow[]> {
      const query = trx.selectFrom('batches').selectAll().where('project_id', '=', projectId);
      return newestFirstPage(query, ['created_at', 'id'], fromCursor(page)).execute();
    },

    /** Tasks in upload order. */
    async listTasks(
      projectId: string,
      page: { batchId?: string | undefined; cursor?: string | undefined; limit: number },
      trx: Db = db,
    ): Promise<TaskRow[]> {
      const after = taskCursor.decode(page.cursor);
      let query = trx.selectFrom('tasks').select(TASK_COLUMNS).where('project_id', '=', projectId);
      if (page.batchId) query = query.where('batch_id', '=', page.batchId);
      return keyOrderPage(query, 'seq', 'asc', { limit: page.limit, after }).execute();
    },

    async findTask(projectId: string, taskId: string, trx: Db = db): Promise<TaskRow | undefined> {
      return trx
        .selectFrom('tasks')
        .select(TASK_COLUMNS)
        .where('project_id', '=', projectId)
        .where('id', '=', taskId)
        .executeTakeFirst();
    },

    async firstTask(projectId: string, trx: Db = db): Promise<TaskRow | undefined> {
      return trx
        .selectFrom('tasks')
        .select(TASK_COLUMNS)
        .where('project_id', '=', projectId)
        .orderBy('seq')
        .limit(1)
        .executeTakeFirst();
    },
  };
}

export type TasksRepository = ReturnType<typeof createTasksRepository>;
