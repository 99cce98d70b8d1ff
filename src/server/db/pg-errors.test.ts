import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/helpers/database.js';
import type { DatabaseHandle } from './database.js';
import { isDataException, isForeignKeyViolation, isUniqueViolation } from './pg-errors.js';

/** The error a statement fails with. */
async function failureOf(statement: Promise<unknown>): Promise<unknown> {
  try {
    await statement;
  } catch (error) {
    return error;
  }
  throw new Error('the statement succeeded');
}

// The classification reads what each engine really raises, not what we expect it to raise.
describe('PostgreSQL error classification against the real database', () => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await createTestDatabase();
    await sql`create table parent (id int primary key, name text constraint parent_name_key unique)`.execute(
      handle.db,
    );
    await sql`create table child (id int primary key, parent_id int not null references parent (id))`.execute(
      handle.db,
    );
    await sql`insert into parent values (1, 'one')`.execute(handle.db);
  });
  afterAll(() => handle.close());

  it('names the unique constraint a duplicate broke', async () => {
    const error = await failureOf(sql`insert into parent values (2, 'one')`.execute(handle.db));
    expect(isUniqueViolation(error)).toBe(true);
    expect(isUniqueViolation(error, 'parent_name_key')).toBe(true);
    expect(isUniqueViolation(error, 'parent_pkey')).toBe(false);
    expect(isForeignKeyViolation(error)).toBe(false);
  });

  it('tells a missing parent and a value out of range', async () => {
    const orphan = await failureOf(sql`insert into child values (1, 99)`.execute(handle.db));
    expect(isForeignKeyViolation(orphan)).toBe(true);
    expect(isUniqueViolation(orphan)).toBe(false);
    const tooBig = await failureOf(sql`select ${'99999999999'}::int`.execute(handle.db));
    expect(isDataException(tooBig)).toBe(true);
  });
});
