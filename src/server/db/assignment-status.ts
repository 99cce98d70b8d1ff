import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { AssignmentStatus } from './types.js';

/*
 * The status a reader sees. Accepted work whose deadline has passed is expired at once, whether
 * or not the expiry sweep has recorded it yet (the sweep only writes `expired` and frees the
 * slot). Every read and every "only while accepted" write goes through this file, in TypeScript
 * or in SQL, never through the stored column alone; assignment-status.test.ts proves the two
 * spellings agree on both databases.
 */

/** What the rule reads of an assignment: its stored status and its deadline. */
export type AssignmentStatusRow = { status: AssignmentStatus; deadline: Date };

/** Accepted work whose deadline has passed: expired for every reader, swept or not. */
export function isOverdue(row: AssignmentStatusRow, now: Date): boolean {
  return row.status === 'accepted' && row.deadline <= now;
}

export function effectiveStatus(row: AssignmentStatusRow, now: Date): AssignmentStatus {
  return isOverdue(row, now) ? 'expired' : row.status;
}

/** `alias.column`, or the bare column when the query names the table without an alias. */
function column(alias: string | undefined, name: 'status' | 'deadline') {
  return sql.ref(alias ? `${alias}.${name}` : name);
}

/** SQL for `isOverdue` over the assignments row `alias` (the rows the expiry sweep changes). */
export function overdueSql(now: Date, alias?: string): RawBuilder<SqlBool> {
  return sql<SqlBool>`(${column(alias, 'status')} = 'accepted' and ${column(alias, 'deadline')} <= ${now})`;
}

/** SQL for `effectiveStatus` over the assignments row `alias`, as a value to select or group by. */
export function effectiveStatusSql(now: Date, alias?: string): RawBuilder<AssignmentStatus> {
  const status = column(alias, 'status');
  return sql<AssignmentStatus>`(case when ${overdueSql(now, alias)} then 'expired' else ${status} end)`;
}

/**
 * SQL: "the effective status is one of `statuses`", spelled on the stored columns (not through
 * the CASE above) so that the planner can use their statistics and indexes.
 */
export function effectiveStatusIn(
  statuses: readonly AssignmentStatus[],
  now: Date,
  alias?: string,
): RawBuilder<SqlBool> {
  const status = column(alias, 'status');
  const stored = statuses.filter((s) => s !== 'accepted');
  const parts: RawBuilder<unknown>[] = stored.length
    ? [sql`${status} in (${sql.join(stored)})`]
    : [];
  if (statuses.includes('accepted')) {
    parts.push(sql`(${status} = 'accepted' and ${column(alias, 'deadline')} > ${now})`);
  }
  if (statuses.includes('expired')) parts.push(overdueSql(now, alias));
  if (!parts.length) return sql<SqlBool>`false`;
  return sql<SqlBool>`(${sql.join(parts, sql` or `)})`;
}
