import { describe, expect, it } from 'vitest';
import { SYSTEM_QUALIFICATION_IDS } from '../../../shared/api/qualifications.js';
import { explainUnmetRequirement } from './requirement-explanations.js';

const TYPE = '7b0c1c9e-3f1a-4a57-9a3e-2f4c8b1d6e01';
const { approvalRate, approvedCount, country } = SYSTEM_QUALIFICATION_IDS;
const none = { approved: 0, rejected: 0 };

describe('why a requirement is not met', () => {
  it('quotes the approval rate asked for, the worker’s and the work it comes from', () => {
    expect(
      explainUnmetRequirement({
        requirement: {
          qualificationTypeId: approvalRate,
          comparator: 'GreaterThanOrEqualTo',
          integerValues: [95],
        },
        typeName: 'Approval rate',
        value: 80,
        record: { approved: 80, rejected: 20 },
        minDecided: 100,
      }),
    ).toBe(
      'Approval rate must be at least 95 %. Yours: 80 % (80 of 100 decided tasks approved). It rises as more of your work is approved.',
    );
  });

  it('says when the approval rate does not count yet', () => {
    expect(
      explainUnmetRequirement({
        requirement: {
          qualificationTypeId: approvalRate,
          comparator: 'LessThan',
          integerValues: [50],
        },
        typeName: 'Approval rate',
        value: 100,
        record: { approved: 4, rejected: 1 },
        minDecided: 100,
      }),
    ).toBe(
      'Approval rate must be less than 50 %. Yours counts as 100 % until you have 100 decided tasks (you have 5).',
    );
  });

  it('tells a worker without a qualification to ask the requester or take its test', () => {
    const requirement = { qualificationTypeId: TYPE, comparator: 'Exists' as const };
    expect(
      explainUnmetRequirement({
        requirement,
        typeName: 'English test',
        value: undefined,
        record: none,
        minDecided: 100,
      }),
    ).toBe("Requires the qualification 'English test' — ask the requester or take its test.");
    expect(
      explainUnmetRequirement({
        requirement: { qualificationTypeId: TYPE, comparator: 'GreaterThan', integerValues: [30] },
        typeName: 'English test',
        value: 20,
        record: none,
        minDecided: 100,
      }),
    ).toBe("Requires 'English test' more than 30. Yours: 20 — ask the requester how to raise it.");
  });

  it('names the countries and the approved count asked for', () => {
    expect(
      explainUnmetRequirement({
        requirement: { qualificationTypeId: country, comparator: 'In', localeValues: ['NO', 'SE'] },
        typeName: 'Country',
        value: undefined,
        record: none,
        minDecided: 100,
      }),
    ).toBe('Your country must be one of NO, SE. Yours: not set — set it in your profile.');
    expect(
      explainUnmetRequirement({
        requirement: {
          qualificationTypeId: approvedCount,
          comparator: 'GreaterThan',
          integerValues: [0],
        },
        typeName: 'Approved assignments',
        value: 0,
        record: none,
        minDecided: 100,
      }),
    ).toBe(
      'Approved tasks must be more than 0. Yours: 0. It rises as requesters approve your work.',
    );
  });
});
