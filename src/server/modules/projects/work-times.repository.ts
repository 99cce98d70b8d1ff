import type { Db } from '../../db/database.js';

export function createWorkTimesRepository(db: Db) {
  return {
    /** The workSeconds of the project's latest `limit` submissions (index on submitted_at). */
    async latestWorkSeconds(projectId: string, limit: number): Promise<number[]> {
      const rows = await db
        .selectFrom('assignments')
        .select('work_seconds')
        .where('project_id', '=', projectId)
        .where('submitted_at', 'is not', null)
        .where('work_seconds', 'is not', null)
        .orderBy('submitted_at', 'desc')
        .limit(limit)
        .execute();
      return rows.flatMap((r) => (r.work_seconds === null ? [] : [r.work_seconds]));
    },
  };
}

export type WorkTimesRepository = ReturnType<typeof createWorkTimesRepository>;
