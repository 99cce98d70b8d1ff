import {
  sql,
  type Insertable,
  type RawBuilder,
  type Selectable,
  type Transaction,
  type Updateable,
} from 'kysely';
import { effectiveStatusIn } from '../../db/assignment-status.js';
import type { Db } from '../../db/database.js';
import { fromCursor, newestFirstPage } from '../../db/pagination.js';
import { projectHeading } from '../../db/project-heading.js';
import type { Database, ProjectStatus } from '../../db/types.js';
import type { Projects } from '../../db/schema.js';
import type { Clock } from '../../lib/clock.js';

/** Assignment counts shown with a project; absent on rows read only to change them. */
export type ProjectProgressColumns = {
  assignments_submitted: number;
  assignments_approved: number;
  assignments_outstanding: number;
  /** Adaptive overlap: per count of slots opened beyond `min`, how many tasks have that many. */
  overlap_extensions: { extra: number; tasks: number }[];
  /** Distinct workers who took pilot work (assignments_pilot_idx). */
  pilot_workers_joined: number;
};
export type ProjectRow = Selectable<Projects> & Partial<ProjectProgressColumns>;
export type NewProject = Insertable<Projects>;
export type ProjectUpdate = Updateable<Projects>;
export type Trx = Transaction<Database>;

/** Counted from the assignments by the status a reader sees (overdue accepted work is expired). */
function progressColumns(now: Date) {
  const count = (where: RawBuilder<unknown>) =>
    sql<number>`(select count(*)::int from assignments a where a.project_id = projects.id and ${where})`;
  return [
    count(effectiveStatusIn(['submitted'], now, 'a')).as('assignments_submitted'),
    count(effectiveStatusIn(['approved'], now, 'a')).as('assignments_approved'),
    count(effectiveStatusIn(['accepted'], now, 'a')).as('assignments_outstanding'),
    // Only tasks that needed more answers: tasks_extra_slots_idx, never a scan of every task.
    sql<{ extra: number; tasks: number }[]>`(select coalesce(json_agg(json_build_object(
        'extra', e.extra_slots, 'tasks', e.n) order by e.extra_slots), '[]'::json)
      from (select extra_slots, count(*)::int as n from tasks t
            where t.project_id = projects.id and t.extra_slots > 0
            group by extra_slots) e)`.as('overlap_extensions'),
    sql<number>`(select count(distinct a.worker_id)::int from assignments a
      where a.project_id = projects.id and a.pilot)`.as('pilot_workers_joined'),
  ];
}

export function createProjectsRepository(db: Db, clock: Clock) {
  return {
    transaction<T>(work: (trx: Trx) => Promise<T>): Promise<T> {
      return db.transaction().execute(work);
    },

    /** Recomputes the project's work-time quartiles (migration 20261210070000). */
    async refreshWorkTimes(id: string, trx: Db = db): Promise<void> {
      await sql`select refresh_project_work_times(array[${id}]::uuid[])`.execute(trx);
    },

    async insert(project: NewProject, trx: Db = db): Promise<ProjectRow> {
      return trx.insertInto('projects').values(project).returningAll().executeTakeFirstOrThrow();
    },

    /** The owner's project; `lock` holds it for the rest of the transaction. */
    async findOwned(
      id: string,
      ownerId: string,
      trx: Db = db,
      options: { lock?: boolean } = {},
    ): Promise<ProjectRow | undefined> {
      const query = trx
        .selectFrom('projects')
        .selectAll()
        .where('id', '=', id)
        .where('owner_id', '=', ownerId);
      // A locked read is for a change, whose result is read back by `update`.
      if (options.lock) return query.forUpdate().executeTakeFirst();
      return query.select(progressColumns(clock.now())).executeTakeFirst();
    },

    async listOwned(
      ownerId: string,
      filter: { status?: ProjectStatus | undefined; cursor?: string | undefined; limit: number },
      trx: Db = db,
    ): Promise<ProjectRow[]> {
      let query = trx
        .selectFrom('projects')
        .selectAll()
        .select(progressColumns(clock.now()))
        .where('owner_id', '=', ownerId);
      if (filter.status) query = query.where('status', '=', filter.status);
      return newestFirstPage(query, ['created_at', 'id'], fromCursor(filter)).execute();
    },

    async update(id: string, patch: ProjectUpdate, trx: Db = db): Promise<ProjectRow> {
      return trx
        .updateTable('projects')
        .set({ ...patch, updated_at: sql<Date>`now()` })
        .where('id', '=', id)
        .returningAll()
        .returning(progressColumns(clock.now()))
        .executeTakeFirstOrThrow();
    },

    /** A draft's tasks follow its reward and slots until it is published. */
    async setTaskTerms(
      projectId: string,
      terms: { rewardCents: number; assignmentsPerTask: number; reserveSlots: number },
      trx: Db = db,
    ): Promise<void> {
      await trx
        .updateTable('tasks')
        .set({
          reward_cents: terms.rewardCents,
          assignments_per_task: terms.assignmentsPerTask,
          reserve_slots: terms.reserveSlots,
        })
        .where('project_id', '=', projectId)
        .execute();
    },

    /**
     * How many tasks the owner's unpublished (draft) projects hold together, with the tasks a
     * running pilot holds back (unescrowed too, until the rest is published).
     */
    async draftTaskCount(ownerId: string, trx: Db = db): Promise<number> {
      const { rows } = await sql<{ n: number }>`
        select coalesce(sum(case when status = 'draft' then task_count
                                 else task_count - pilot_tasks end), 0)::bigint as n
        from projects
        where owner_id = ${ownerId}
          and (status = 'draft' or (status in ('published', 'paused')
               and pilot_started_at is not null and pilot_ended_at is null))`.execute(trx);
      return Number(rows[0]?.n ?? 0);
    },

    /**
     * Serialises, until the end of the transaction, the owner's imports that check the draft-task
     * cap: the next one's count, read after this commits, includes this one's rows.
     */
    async lockDraftTaskCount(ownerId: string, trx: Db): Promise<void> {
      await sql`select pg_advisory_xact_lock(hashtextextended(${`draft-tasks:${ownerId}`}, 0))`.execute(
        trx,
      );
    },

    /**
     * The project, held against status changes (`FOR SHARE`: a cancel, completion or settlement
     * waits for it) while claims, which take only a key-share lock, go on.
     */
    async lockShared(
      id: string,
      trx: Db,
    ): Promise<
      Pick<ProjectRow, 'id' | 'owner_id' | 'title' | 'status' | 'top_up_reserve_cents'> | undefined
    > {
      return trx
        .selectFrom('projects')
        .select([...projectHeading, 'top_up_reserve_cents'])
        .where('id', '=', id)
        .forShare()
        .executeTakeFirst();
    },

    async addTaskCount(projectId: string, count: number, trx: Db = db): Promise<void> {
      await trx
        .updateTable('projects')
        .set((eb) => ({ task_count: eb('task_count', '+', count), updated_at: sql<Date>`now()` }))
        .where('id', '=', projectId)
        .execute();
    },
  };
}

export type ProjectsRepository = ReturnType<typeof createProjectsRepository>;
