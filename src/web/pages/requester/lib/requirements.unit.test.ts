import { describe, expect, it } from 'vitest';
import {
  COMPARATORS,
  qualificationRequirementSchema,
  SYSTEM_QUALIFICATION_IDS,
} from '../../../../shared/api/qualifications.js';
import {
  draftOfRequirement,
  issuesByIndex,
  parseIntegerValue,
  requirementOf,
  valueShape,
} from './requirements.js';

describe('requirementOf', () => {
  it('builds a requirement the shared schema accepts for every comparator', () => {
    for (const comparator of COMPARATORS) {
      const draft = draftOfRequirement({
        qualificationTypeId: SYSTEM_QUALIFICATION_IDS.approvalRate,
        comparator,
        integerValues: [90, 95],
      });
      const requirement = requirementOf(draft, 'integer');
      expect(qualificationRequirementSchema.safeParse(requirement).success, comparator).toBe(true);
    }
  });

  it('sends countries for the country type and drops values of the other kind', () => {
    const draft = draftOfRequirement({
      qualificationTypeId: SYSTEM_QUALIFICATION_IDS.country,
      comparator: 'In',
      integerValues: [3],
      localeValues: ['DE', 'FR'],
    });
    expect(requirementOf(draft, 'locale')).toEqual({
      qualificationTypeId: SYSTEM_QUALIFICATION_IDS.country,
      comparator: 'In',
      localeValues: ['DE', 'FR'],
    });
    expect(requirementOf({ ...draft, comparator: 'EqualTo' }, 'locale').localeValues).toEqual([
      'DE',
    ]);
    expect(requirementOf({ ...draft, comparator: 'Exists' }, 'locale')).toEqual({
      qualificationTypeId: SYSTEM_QUALIFICATION_IDS.country,
      comparator: 'Exists',
    });
  });

  it('knows how many values each comparator takes', () => {
    expect(valueShape('Exists')).toBe('none');
    expect(valueShape('GreaterThanOrEqualTo')).toBe('one');
    expect(valueShape('NotIn')).toBe('list');
  });
});

describe('parseIntegerValue', () => {
  it.each([
    ['42', 42],
    [' -7 ', -7],
    ['0', 0],
    ['2147483647', 2147483647],
  ])('%j → %i', (text, value) => {
    expect(parseIntegerValue(text)).toBe(value);
  });

  it.each(['', '1.5', 'abc', '2147483648', '1e3'])('refuses %j', (text) => {
    expect(parseIntegerValue(text)).toBeNull();
  });
});

describe('issuesByIndex', () => {
  it('files problems under their requirement and field', () => {
    expect(
      issuesByIndex(
        [
          {
            path: 'body.qualificationRequirements.1.integerValues',
            message: 'must hold exactly one value',
          },
          {
            path: 'body.qualificationRequirements.0.qualificationTypeId',
            message: 'is not a type you can use',
          },
          { path: 'body.qualificationRequirements', message: 'too many' },
          { path: 'body.title', message: 'x' },
        ],
        'qualificationRequirements',
      ),
    ).toEqual({
      1: { integerValues: 'must hold exactly one value' },
      0: { qualificationTypeId: 'is not a type you can use' },
    });
    expect(issuesByIndex(undefined, 'qualificationRequirements')).toEqual({});
  });
});
