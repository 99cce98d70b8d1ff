import { sql } from 'kysely';

/*
 * `tasks_count_open()`, the statement trigger function that keeps a project's count of open tasks
 * (tasks with a slot a worker may take), written once for every migration that (re)defines it.
 * Migrations that have run must keep defining what they defined: a change here is a new option,
 * never a new text for an existing call.
 */

/** Which tasks count as open: before 20261206110000 a cancelled task did not exist. */
export type OpenRule = 'free slot' | 'free slot, not cancelled';

/**
 * Where the trigger puts the net change of a statement that updates tasks (claims, returns,
 * expiries, rejections, cancellations): on the project's row at once (before 20261213010000), or
 * appended to `project_open_task_changes` for the fold (since).
 */
export type UpdatesGoTo = 'project row' | 'change rows';

function isOpen(rule: OpenRule, alias?: string) {
  const column = (name: string) => (alias ? `${alias}.${name}` : name);
  const slot = `${column('live_assignments')} < ${column('assignments_per_task')}`;
  return rule === 'free slot' ? slot : `${slot} and ${column('cancelled_at')} is null`;
}

/** `create [or replace] function tasks_count_open()` as the migration of its day defined it. */
export function tasksCountOpenFunction(options: {
  replace: boolean;
  open: OpenRule;
  updatesGoTo: UpdatesGoTo;
}) {
  const { open } = options;
  const netChange = `sum((${isOpen(open, 'n')})::int - (${isOpen(open, 'o')})::int)`;
  const onUpdate =
    options.updatesGoTo === 'project row'
      ? `update projects p set open_tasks = p.open_tasks + d.n
        from (select n.project_id, ${netChange}::int as n
              from new_tasks n join old_tasks o on o.id = n.id
              group by n.project_id) d
        where p.id = d.project_id and d.n <> 0;`
      : `insert into project_open_task_changes (project_id, change)
        select n.project_id, ${netChange}::int
        from new_tasks n join old_tasks o on o.id = n.id
        group by n.project_id
        having ${netChange} <> 0;`;
  const countOf = (rows: string) =>
    `(select project_id, count(*)::int as n from ${rows}
              where ${isOpen(open)} group by project_id) d`;
  return sql.raw(`create ${options.replace ? 'or replace ' : ''}function tasks_count_open()
    returns trigger language plpgsql as $$
    begin
      if tg_op = 'INSERT' then
        update projects p set open_tasks = p.open_tasks + d.n
        from ${countOf('new_tasks')}
        where p.id = d.project_id;
      elsif tg_op = 'DELETE' then
        update projects p set open_tasks = p.open_tasks - d.n
        from ${countOf('old_tasks')}
        where p.id = d.project_id;
      else
        ${onUpdate}
      end if;
      return null;
    end $$`);
}
