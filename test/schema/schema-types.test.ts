import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  enumDisagreements,
  generateSchemaSource,
  SCHEMA_FILE,
} from '../../scripts/db-types/generate.js';
import type { DatabaseHandle } from '../../src/server/db/database.js';
import { createTestDatabase } from '../helpers/database.js';

/**
 * The checked-in src/server/db/schema.ts is what the migrations make, on this run's database
 * (PGlite and PostgreSQL both): a migration without `npm run db:types` fails here.
 */
describe('the generated database types', () => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await createTestDatabase();
  });
  afterAll(() => handle.close());

  it('match the migrated schema', async () => {
    const generated = await generateSchemaSource(handle.db);
    const checkedIn = readFileSync(SCHEMA_FILE, 'utf8');
    // On a difference the message says what to do; the diff follows.
    expect(generated === checkedIn, `${SCHEMA_FILE} is out of date: run npm run db:types`).toBe(
      true,
    );
  });

  it('list the same enum values as the CHECK constraints', async () => {
    expect(await enumDisagreements(handle.db)).toEqual([]);
  });
});
