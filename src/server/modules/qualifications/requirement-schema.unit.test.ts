import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  canonicalQualificationTypeId,
  COMPARATORS,
  qualificationRequirementSchema,
  qualificationRequirementsSchema,
  SYSTEM_QUALIFICATION_IDS,
} from '../../../shared/api/qualifications.js';

const TYPE = '7b0c1c9e-3f1a-4a57-9a3e-2f4c8b1d6e01';

function issuePaths(input: unknown): string[] {
  const result = qualificationRequirementSchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((i) => i.path.join('.'));
}

describe('qualificationRequirementSchema accepts', () => {
  it.each([
    ['Exists', { qualificationTypeId: TYPE, comparator: 'Exists' }],
    [
      'DoesNotExist with empty lists',
      { qualificationTypeId: TYPE, comparator: 'DoesNotExist', integerValues: [] },
    ],
    [
      'EqualTo one integer',
      { qualificationTypeId: TYPE, comparator: 'EqualTo', integerValues: [3] },
    ],
    [
      'GreaterThan on the approval rate by key',
      {
        qualificationTypeId: 'system.approval_rate',
        comparator: 'GreaterThan',
        integerValues: [95],
      },
    ],
    [
      'LessThanOrEqualTo a negative',
      { qualificationTypeId: TYPE, comparator: 'LessThanOrEqualTo', integerValues: [-4] },
    ],
    [
      'EqualTo one country',
      { qualificationTypeId: 'system.country', comparator: 'EqualTo', localeValues: ['DE'] },
    ],
    [
      'NotEqualTo one country by id',
      {
        qualificationTypeId: SYSTEM_QUALIFICATION_IDS.country,
        comparator: 'NotEqualTo',
        localeValues: ['US'],
      },
    ],
    [
      'In 30 integers',
      {
        qualificationTypeId: TYPE,
        comparator: 'In',
        integerValues: Array.from({ length: 30 }, (_, i) => i),
      },
    ],
    [
      'NotIn countries',
      { qualificationTypeId: 'system.country', comparator: 'NotIn', localeValues: ['US', 'CA'] },
    ],
    ['an upper-case id', { qualificationTypeId: TYPE.toUpperCase(), comparator: 'Exists' }],
  ])('%s', (_name, input) => {
    expect(issuePaths(input)).toEqual([]);
  });
});

describe('qualificationRequirementSchema rejects, naming the field', () => {
  it.each([
    [
      'an unknown comparator',
      { qualificationTypeId: TYPE, comparator: 'Between', integerValues: [1] },
      'comparator',
    ],
    [
      'a type that is neither an id nor a system key',
      { qualificationTypeId: 'system.karma', comparator: 'Exists' },
      'qualificationTypeId',
    ],
    [
      'values on Exists',
      { qualificationTypeId: TYPE, comparator: 'Exists', integerValues: [1] },
      'integerValues',
    ],
    [
      'values on DoesNotExist',
      { qualificationTypeId: 'system.country', comparator: 'DoesNotExist', localeValues: ['DE'] },
      'localeValues',
    ],
    [
      'two values on EqualTo',
      { qualificationTypeId: TYPE, comparator: 'EqualTo', integerValues: [1, 2] },
      'integerValues',
    ],
    [
      'no value on GreaterThan',
      { qualificationTypeId: TYPE, comparator: 'GreaterThan' },
      'integerValues',
    ],
    [
      'a country on GreaterThan',
      { qualificationTypeId: TYPE, comparator: 'GreaterThan', localeValues: ['DE'] },
      'localeValues',
    ],
    [
      'no value on In',
      { qualificationTypeId: TYPE, comparator: 'In', integerValues: [] },
      'integerValues',
    ],
    [
      '31 values on NotIn',
      {
        qualificationTypeId: TYPE,
        comparator: 'NotIn',
        integerValues: Array.from({ length: 31 }, (_, i) => i),
      },
      'integerValues',
    ],
    [
      'a fraction',
      { qualificationTypeId: TYPE, comparator: 'EqualTo', integerValues: [1.5] },
      'integerValues.0',
    ],
    [
      'a number past 32 bits',
      { qualificationTypeId: TYPE, comparator: 'EqualTo', integerValues: [2 ** 31] },
      'integerValues.0',
    ],
    [
      'a string as an integer',
      { qualificationTypeId: TYPE, comparator: 'EqualTo', integerValues: ['5'] },
      'integerValues.0',
    ],
    [
      'a lower-case country',
      { qualificationTypeId: 'system.country', comparator: 'EqualTo', localeValues: ['de'] },
      'localeValues.0',
    ],
    [
      'integers for the country',
      { qualificationTypeId: 'system.country', comparator: 'EqualTo', integerValues: [49] },
      'integerValues',
    ],
    [
      'an ordering on the country',
      { qualificationTypeId: 'system.country', comparator: 'LessThan', localeValues: ['DE'] },
      'comparator',
    ],
    [
      'countries for the approval rate',
      { qualificationTypeId: 'system.approval_rate', comparator: 'In', localeValues: ['DE'] },
      'localeValues',
    ],
    [
      'both kinds of value',
      { qualificationTypeId: TYPE, comparator: 'In', integerValues: [1], localeValues: ['DE'] },
      'localeValues',
    ],
    ['a misspelt field', { qualificationTypeId: TYPE, comparator: 'EqualTo', integerValue: 1 }, ''],
  ])('%s', (_name, input, path) => {
    expect(issuePaths(input)).toContain(path);
  });

  it('more than 20 requirements', () => {
    const many = Array.from({ length: 21 }, () => ({
      qualificationTypeId: TYPE,
      comparator: 'Exists',
    }));
    expect(qualificationRequirementsSchema.safeParse(many).success).toBe(false);
    expect(qualificationRequirementsSchema.safeParse(many.slice(0, 20)).success).toBe(true);
  });
});

describe('value counts (property-based)', () => {
  it('integers are accepted exactly when their count fits the comparator', () => {
    fc.assert(
      fc.property(fc.constantFrom(...COMPARATORS), fc.nat({ max: 32 }), (comparator, n) => {
        const integerValues = Array.from({ length: n }, (_, i) => i);
        const ok = qualificationRequirementSchema.safeParse({
          qualificationTypeId: TYPE,
          comparator,
          integerValues,
        }).success;
        const expected =
          comparator === 'Exists' || comparator === 'DoesNotExist'
            ? n === 0
            : comparator === 'In' || comparator === 'NotIn'
              ? n >= 1 && n <= 30
              : n === 1;
        return ok === expected;
      }),
    );
  });
});

describe('canonicalQualificationTypeId', () => {
  it('maps system keys to their ids and lower-cases ids', () => {
    expect(canonicalQualificationTypeId('system.approved_count')).toBe(
      SYSTEM_QUALIFICATION_IDS.approvedCount,
    );
    expect(canonicalQualificationTypeId(TYPE.toUpperCase())).toBe(TYPE);
  });
});
