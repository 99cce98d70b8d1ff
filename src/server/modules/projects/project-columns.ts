import type { Project, UpdateProjectBody } from '../../../shared/api/projects.js';
import type { ProjectRow } from './projects.repository.js';

/**
 * The project fields a requester sets that the database keeps as they are, by API name → column:
 * one table both for writing them (`plainColumns`, the service) and for reading them back
 * (`plainFields`, the presenter). A new field of that kind is a line here, not an edit on each side.
 */
export const PLAIN_PROJECT_COLUMNS = {
  title: 'title',
  description: 'description',
  keywords: 'keywords',
  instructions: 'instructions',
  rewardCents: 'reward_cents',
  assignmentsPerTask: 'assignments_per_task',
  timeAllottedSeconds: 'time_allotted_seconds',
  autoApproveSeconds: 'auto_approve_seconds',
  estimatedSeconds: 'estimated_seconds',
  topUpToFloor: 'top_up_to_floor',
  minWorkSeconds: 'min_work_seconds',
  // Ratings steering (DESIGN §10), set beside the quality rules that also choose who works.
  earlyAccessMinutes: 'early_access_minutes',
  includeRatedDown: 'include_rated_down',
} as const satisfies { [F in keyof UpdateProjectBody & keyof Project]?: keyof ProjectRow };

type Plain = typeof PLAIN_PROJECT_COLUMNS;
export type PlainField = keyof Plain;

const PLAIN_FIELDS = Object.keys(PLAIN_PROJECT_COLUMNS).filter(
  (field): field is PlainField => field in PLAIN_PROJECT_COLUMNS,
);

/** The plain fields a body names, as columns (one left out stays undefined: kept on update). */
export function plainColumns<Body extends Partial<Pick<UpdateProjectBody, PlainField>>>(
  body: Body,
): { [F in PlainField as Plain[F]]: Body[F] } {
  const columns: Record<string, unknown> = {};
  for (const field of PLAIN_FIELDS) columns[PLAIN_PROJECT_COLUMNS[field]] = body[field];
  // Filled key by key from the table, which is what the mapped type spells out.
  return columns as { [F in PlainField as Plain[F]]: Body[F] };
}

/** A stored project's plain fields, by their API names. */
export function plainFields(row: ProjectRow): { [F in PlainField]: ProjectRow[Plain[F]] } {
  const fields: Record<string, unknown> = {};
  for (const field of PLAIN_FIELDS) fields[field] = row[PLAIN_PROJECT_COLUMNS[field]];
  // Filled key by key from the table, which is what the mapped type spells out.
  return fields as { [F in PlainField]: ProjectRow[Plain[F]] };
}
