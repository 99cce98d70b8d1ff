import { memberOf, stringMember } from '../../shared/narrow.js';

/*
 * What a failed statement means, from PostgreSQL's SQLSTATE (node-postgres and PGlite both put it
 * in `error.code`). Code that reacts to a database error asks here rather than comparing codes.
 */

/** The SQLSTATE of a database error, or undefined for anything else. */
export function sqlState(error: unknown): string | undefined {
  return stringMember(error, 'code');
}

/**
 * A unique constraint refused the row (23505); with `constraint`, only that constraint or index.
 * PGlite does not always fill in `constraint`, so its name in the message counts too.
 */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  if (sqlState(error) !== '23505') return false;
  if (constraint === undefined) return true;
  return (
    memberOf(error, 'constraint') === constraint ||
    stringMember(error, 'message')?.includes(constraint) === true
  );
}

/** A foreign key refused the row: what it names does not exist (any more). */
export function isForeignKeyViolation(error: unknown): boolean {
  return sqlState(error) === '23503';
}

/** Deadlock detected (40P01) or serialization failure (40001): the transaction may be retried. */
export function isRetryable(error: unknown): boolean {
  const code = sqlState(error);
  return code === '40P01' || code === '40001';
}

/**
 * SQLSTATE class 22 (data exception: a number out of range, text the encoding cannot hold, a
 * malformed value): input that got past the schemas, to be answered as bad input.
 */
export function isDataException(error: unknown): boolean {
  return /^22[0-9A-Z]{3}$/.test(sqlState(error) ?? '');
}

/** 0A000 with this message: a prepared statement outlived the table shape it was planned for. */
export function isStalePlan(error: unknown): boolean {
  return (
    sqlState(error) === '0A000' &&
    stringMember(error, 'message')?.includes('cached plan must not change') === true
  );
}

// Connection-level failures mean the database is away: callers answer 503 at once so clients retry.
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now
  '08000',
  '08003',
  '08006',
]);

// node-postgres reports a lost or unreachable server with these messages and no code. "not
// queryable" is what a transaction's ROLLBACK meets on a connection that died under it, and
// Kysely throws that instead of the first error.
const UNAVAILABLE_MESSAGES =
  /Connection terminated|timeout exceeded when trying to connect|is not queryable/i;

/** The database is away (down, restarting, unreachable), not refusing this statement. */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = sqlState(error);
  if (code !== undefined && UNAVAILABLE_CODES.has(code)) return true;
  return UNAVAILABLE_MESSAGES.test(error.message);
}
