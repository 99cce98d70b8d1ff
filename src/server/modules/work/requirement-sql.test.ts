import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { COMPARATORS } from '../../../shared/api/qualifications.js';
import { createTestDatabase } from '../../../../test/helpers/database.js';
import { satisfiesRequirement, type QualificationValue } from '../qualifications/requirements.js';
import { requirementMetSql } from './requirement-sql.js';

const database = await createTestDatabase();
afterAll(() => database.close());

const TYPE = '00000000-0000-4000-8000-00000000abcd';
const smallInt = fc.integer({ min: -3, max: 3 });
const country = fc.constantFrom('DE', 'FR', 'NG', 'US');

const requirement = fc.record(
  {
    qualificationTypeId: fc.constant(TYPE),
    comparator: fc.constantFrom(...COMPARATORS),
    integerValues: fc.array(smallInt, { maxLength: 3 }),
    localeValues: fc.array(country, { maxLength: 3 }),
  },
  { requiredKeys: ['qualificationTypeId', 'comparator'] },
);
const value: fc.Arbitrary<QualificationValue | undefined> = fc.oneof(
  fc.constant(undefined),
  smallInt,
  country,
);

describe('the feed’s SQL requirement check', () => {
  it('agrees with satisfiesRequirement on every comparator, value kind and missing value', async () => {
    await fc.assert(
      fc.asyncProperty(requirement, value, async (r, v) => {
        const values = v === undefined ? {} : { [TYPE]: v };
        const { rows } = await sql<{ met: boolean }>`select ${requirementMetSql(
          sql`${JSON.stringify(r)}::jsonb`,
          sql`${JSON.stringify(values)}::jsonb`,
        )} as met`.execute(database.db);
        expect(rows[0]?.met).toBe(satisfiesRequirement(r, v));
      }),
      { numRuns: 300 },
    );
  });
});
