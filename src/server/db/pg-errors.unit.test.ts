import pg from 'pg';
import { describe, expect, it } from 'vitest';
import {
  isDataException,
  isDatabaseUnavailable,
  isForeignKeyViolation,
  isRetryable,
  isStalePlan,
  isUniqueViolation,
  sqlState,
} from './pg-errors.js';

/** An error as node-postgres raises it for a failed statement. */
function dbError(code: string, message = 'failed', fields: { constraint?: string } = {}) {
  const error = new pg.DatabaseError(message, message.length, 'error');
  error.code = code;
  if (fields.constraint) error.constraint = fields.constraint;
  return error;
}

describe('PostgreSQL error classification', () => {
  it('reads the SQLSTATE of a database error and nothing from anything else', () => {
    expect(sqlState(dbError('23505'))).toBe('23505');
    for (const other of [new Error('plain'), null, undefined, 'text', { code: 23505 }]) {
      expect(sqlState(other)).toBeUndefined();
    }
  });

  it('tells a unique violation, of any constraint or of the one named', () => {
    const named = dbError('23505', 'duplicate key', { constraint: 'users_email_key' });
    expect(isUniqueViolation(named)).toBe(true);
    expect(isUniqueViolation(named, 'users_email_key')).toBe(true);
    expect(isUniqueViolation(named, 'users_handle_key')).toBe(false);
    // PGlite may leave `constraint` empty: the name in the message counts.
    const inMessage = dbError(
      '23505',
      'duplicate key value violates unique constraint "users_handle_key"',
    );
    expect(isUniqueViolation(inMessage, 'users_handle_key')).toBe(true);
    expect(isUniqueViolation(inMessage, 'users_email_key')).toBe(false);
    expect(isUniqueViolation(dbError('23503', 'users_email_key'), 'users_email_key')).toBe(false);
    expect(isUniqueViolation(new Error('users_email_key'), 'users_email_key')).toBe(false);
  });

  it('tells a foreign key violation', () => {
    expect(isForeignKeyViolation(dbError('23503'))).toBe(true);
    expect(isForeignKeyViolation(dbError('23505'))).toBe(false);
  });

  it('retries deadlocks and serialization failures only', () => {
    expect(isRetryable(dbError('40P01'))).toBe(true);
    expect(isRetryable(dbError('40001'))).toBe(true);
    for (const code of ['23505', '40002', '57014', '08006']) {
      expect(isRetryable(dbError(code)), code).toBe(false);
    }
    expect(isRetryable(new Error('deadlock detected'))).toBe(false);
  });

  it('answers data exceptions (class 22) as bad input, and no other class', () => {
    for (const code of ['22003', '22021', '22P02', '22001']) {
      expect(isDataException(dbError(code)), code).toBe(true);
    }
    for (const code of ['23505', '2200', '220033', '42P01']) {
      expect(isDataException(dbError(code)), code).toBe(false);
    }
  });

  it('tells a stale prepared plan by its code and message together', () => {
    expect(isStalePlan(dbError('0A000', 'cached plan must not change result type'))).toBe(true);
    expect(isStalePlan(dbError('0A000', 'feature not supported'))).toBe(false);
    expect(isStalePlan(new Error('cached plan must not change result type'))).toBe(false);
  });

  it('tells a database that is away from one that refused a statement', () => {
    expect(isDatabaseUnavailable(dbError('57P01', 'terminating connection'))).toBe(true);
    expect(isDatabaseUnavailable(dbError('08006'))).toBe(true);
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), {
      code: 'ECONNREFUSED',
    });
    expect(isDatabaseUnavailable(refused)).toBe(true);
    expect(isDatabaseUnavailable(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isDatabaseUnavailable(dbError('23505'))).toBe(false);
    expect(isDatabaseUnavailable({ code: '57P01', message: 'not an Error' })).toBe(false);
  });
});
