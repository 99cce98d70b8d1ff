import { sql, type Insertable, type Selectable, type Transaction, type Updateable } from 'kysely';
import type { Db } from '../../db/database.js';
import { decodeCursor } from '../../db/pagination.js';
import type { Database, ProjectStatus, ProjectsTable } from '../../db/types.js';

export type ProjectRow = Selectable<ProjectsTable>;
export type NewProject = Insertable<ProjectsTable>;
export type ProjectUpdate = Updateable<ProjectsTable>;
export type Trx = Transaction<Database>;

export function createProjectsRepository(db: Db) {
  return {
    transaction<T>(work: (trx: Trx) => Promise<T>): Promise<T> {
      return db.transaction().execute(work);
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
      let query = trx
        .selectFrom('projects')
        .selectAll()
        .where('id', '=', id)
        .where('owner_id', '=', ownerId);
      if (options.lock) query = query.forUpdate();
      return query.executeTakeFirst();
    },

    async listOwned(
      ownerId: string,
      filter: { status?: ProjectStatus | undefined; cursor?: string | undefined; limit: number },
      trx: Db = db,
    ): Promise<ProjectRow[]> {
      const cursor = decodeCursor(filter.cursor);
      let query = trx.selectFrom('projects').selectAll().where('owner_id', '=', ownerId);
      if (filter.status) query = query.where('status', '=', filter.status);
      if (cursor) {
        query = query.where((eb) =>
          eb(eb.refTuple('created_at', 'id'), '<', eb.tuple(new Date(cursor.t), cursor.id)),
        );
      }
      return query
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(filter.limit + 1)
        .execute();
    },

    async update(id: string, patch: ProjectUpdate, trx: Db = db): Promise<ProjectRow> {
      return trx
        .updateTable('projects')
        .set({ ...patch, updated_at: sql<Date>`now()` })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow();
    },

    /** A draft's tasks follow its reward and slots until it is published. */
    async setTaskTerms(
      projectId: string,
      terms: { rewardCents: number; assignmentsPerTask: number },
      trx: Db = db,
    ): Promise<void> {
      await trx
        .updateTable('tasks')
        .set({ reward_cents: terms.rewardCents, assignments_per_task: terms.assignmentsPerTask })
        .where('project_id', '=', projectId)
        .execute();
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
