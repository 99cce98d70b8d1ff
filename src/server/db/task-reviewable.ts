import { sql, type RawBuilder, type SqlBool } from 'kysely';

/**
 * SQL for "the task `tasks` row `alias` names has had all its slots worked and none is being
 * worked now": every live assignment submitted or decided, as many as the task asks for. It is
 * when a task becomes MTurk's HITReviewable (webhooks' `task.reviewable`).
 */
export function taskReviewableSql(alias: string): RawBuilder<SqlBool> {
  const id = sql.ref(`${alias}.id`);
  const wanted = sql.ref(`${alias}.assignments_per_task`);
  return sql<SqlBool>`(not exists (
      select 1 from assignments r where r.task_id = ${id} and r.status = 'accepted')
    and (select count(*) from assignments r where r.task_id = ${id}
      and r.status in ('submitted', 'approved', 'rejected')) >= ${wanted})`;
}
