import type { Selectable } from 'kysely';
import type { Assignments } from './schema.js';

/**
 * An assignment's own columns and its project's title (`assignments as a` joined to
 * `projects as p`): what the worker's and the requester's reads of an assignment both select,
 * and what `Assignment` in the API is presented from.
 */
export const assignmentColumns = [
  'a.id',
  'a.task_id',
  'a.project_id',
  'a.worker_id',
  'a.status',
  'a.reward_cents',
  'a.accepted_at',
  'a.deadline',
  'a.submitted_at',
  'a.reviewed_at',
  'a.feedback',
  'a.answers',
  'a.work_seconds',
  'a.active_seconds',
  'a.top_up_cents',
  'a.pilot',
  'a.pilot_feedback',
  'p.title as project_title',
] as const;

type OwnColumn<Column> = Column extends `a.${infer Name extends keyof Assignments}` ? Name : never;

/** A row of `assignmentColumns`. */
export type AssignmentColumnsRow = Pick<
  Selectable<Assignments>,
  OwnColumn<(typeof assignmentColumns)[number]>
> & { project_title: string };
