import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  COMPARATORS,
  SYSTEM_QUALIFICATION_IDS,
  type Comparator,
  type QualificationRequirement,
} from '../../../shared/api/qualifications.js';
import {
  meetsRequirements,
  requirementTypeIds,
  satisfiesRequirement,
  unmetRequirements,
  type QualificationValue,
} from './requirements.js';
import { approvalRatePercent } from './qualifications.service.js';

const TYPE = '7b0c1c9e-3f1a-4a57-9a3e-2f4c8b1d6e01';
const OTHER = '7b0c1c9e-3f1a-4a57-9a3e-2f4c8b1d6e02';
const { country: COUNTRY, approvalRate: RATE } = SYSTEM_QUALIFICATION_IDS;

function req(
  comparator: Comparator,
  values: { integerValues?: number[]; localeValues?: string[] } = {},
  qualificationTypeId = TYPE,
): QualificationRequirement {
  return { qualificationTypeId, comparator, ...values };
}
const ints = (...integerValues: number[]) => ({ integerValues });
const locales = (...localeValues: string[]) => ({ localeValues });

type Example = [string, QualificationRequirement, QualificationValue | undefined, boolean];

const EXAMPLES: Example[] = [
  ['Exists, held', req('Exists'), 0, true],
  ['Exists, not held', req('Exists'), undefined, false],
  ['DoesNotExist, held', req('DoesNotExist'), 5, false],
  ['DoesNotExist, not held', req('DoesNotExist'), undefined, true],
  ['EqualTo, equal', req('EqualTo', ints(5)), 5, true],
  ['EqualTo, different', req('EqualTo', ints(5)), 6, false],
  ['EqualTo, not held', req('EqualTo', ints(5)), undefined, false],
  ['NotEqualTo, different', req('NotEqualTo', ints(5)), 6, true],
  ['NotEqualTo, equal', req('NotEqualTo', ints(5)), 5, false],
  ['NotEqualTo, not held', req('NotEqualTo', ints(5)), undefined, false],
  ['GreaterThan, above', req('GreaterThan', ints(90)), 91, true],
  ['GreaterThan, at the bound', req('GreaterThan', ints(90)), 90, false],
  ['GreaterThan, below', req('GreaterThan', ints(90)), 89, false],
  ['GreaterThan, not held', req('GreaterThan', ints(-5)), undefined, false],
  ['GreaterThanOrEqualTo, at the bound', req('GreaterThanOrEqualTo', ints(90)), 90, true],
  ['GreaterThanOrEqualTo, below', req('GreaterThanOrEqualTo', ints(90)), 89, false],
  ['GreaterThanOrEqualTo, not held', req('GreaterThanOrEqualTo', ints(0)), undefined, false],
  ['LessThan, below', req('LessThan', ints(3)), 2, true],
  ['LessThan, at the bound', req('LessThan', ints(3)), 3, false],
  ['LessThan, negative', req('LessThan', ints(0)), -1, true],
  ['LessThan, not held', req('LessThan', ints(100)), undefined, false],
  ['LessThanOrEqualTo, at the bound', req('LessThanOrEqualTo', ints(3)), 3, true],
  ['LessThanOrEqualTo, above', req('LessThanOrEqualTo', ints(3)), 4, false],
  ['LessThanOrEqualTo, not held', req('LessThanOrEqualTo', ints(3)), undefined, false],
  ['In, member', req('In', ints(1, 2, 3)), 2, true],
  ['In, not a member', req('In', ints(1, 2, 3)), 4, false],
  ['In, not held', req('In', ints(1)), undefined, false],
  ['NotIn, not a member', req('NotIn', ints(1, 2, 3)), 4, true],
  ['NotIn, member', req('NotIn', ints(1, 2, 3)), 3, false],
  ['NotIn, not held', req('NotIn', ints(1)), undefined, false],
  ['country EqualTo', req('EqualTo', locales('DE'), COUNTRY), 'DE', true],
  ['country EqualTo, other', req('EqualTo', locales('DE'), COUNTRY), 'FR', false],
  ['country NotEqualTo', req('NotEqualTo', locales('DE'), COUNTRY), 'FR', true],
  ['country In', req('In', locales('DE', 'AT', 'CH'), COUNTRY), 'AT', true],
  ['country In, other', req('In', locales('DE', 'AT'), COUNTRY), 'US', false],
  ['country NotIn', req('NotIn', locales('US', 'CA'), COUNTRY), 'DE', true],
  ['country NotIn, member', req('NotIn', locales('US', 'CA'), COUNTRY), 'US', false],
  ['country NotIn, no country set', req('NotIn', locales('US'), COUNTRY), undefined, false],
  ['country DoesNotExist, none set', req('DoesNotExist', {}, COUNTRY), undefined, true],
  ['an integer never matches localeValues', req('EqualTo', locales('DE')), 5, false],
  ['a country never matches integerValues', req('NotEqualTo', ints(5), COUNTRY), 'DE', false],
  ['a country is never ordered', req('GreaterThan', locales('AA'), COUNTRY), 'DE', false],
];

describe('satisfiesRequirement, example by example', () => {
  it.each(EXAMPLES)('%s', (_name, requirement, value, expected) => {
    expect(satisfiesRequirement(requirement, value)).toBe(expected);
  });

  it('the examples cover every comparator, held and not held', () => {
    for (const comparator of COMPARATORS) {
      const cases = EXAMPLES.filter(([, r]) => r.comparator === comparator);
      expect(
        cases.some(([, , v]) => v === undefined),
        comparator,
      ).toBe(true);
      expect(
        cases.some(([, , v]) => v !== undefined),
        comparator,
      ).toBe(true);
    }
  });
});

describe('meetsRequirements', () => {
  const values = new Map<string, QualificationValue>([
    [TYPE, 7],
    [RATE, 98],
    [COUNTRY, 'DE'],
  ]);

  it('is met by an empty list', () => {
    expect(meetsRequirements([], new Map())).toBe(true);
  });

  it('needs every requirement (AND)', () => {
    const all = [
      req('GreaterThanOrEqualTo', ints(95), RATE),
      req('In', locales('DE', 'AT'), COUNTRY),
      req('EqualTo', ints(7)),
      req('DoesNotExist', {}, OTHER),
    ];
    expect(meetsRequirements(all, values)).toBe(true);
    expect(meetsRequirements([...all, req('Exists', {}, OTHER)], values)).toBe(false);
    expect(unmetRequirements([...all, req('LessThan', ints(5))], values)).toEqual([4]);
  });

  it('finds system types named by key and ids in any case', () => {
    expect(meetsRequirements([req('EqualTo', locales('DE'), 'system.country')], values)).toBe(true);
    expect(meetsRequirements([req('EqualTo', ints(7), TYPE.toUpperCase())], values)).toBe(true);
  });

  it('lists the distinct canonical type ids', () => {
    expect(
      requirementTypeIds([
        req('Exists', {}, 'system.country'),
        req('Exists', {}, COUNTRY),
        req('Exists', {}, TYPE.toUpperCase()),
      ]),
    ).toEqual([COUNTRY, TYPE]);
  });
});

describe('comparator laws (property-based)', () => {
  const value = fc.option(fc.integer({ min: -1000, max: 1000 }), { nil: undefined });
  const bound = fc.integer({ min: -1000, max: 1000 });
  const set = fc.array(fc.integer({ min: -1000, max: 1000 }), { minLength: 1, maxLength: 30 });
  const holds = (c: Comparator, v: number | undefined, ...xs: number[]) =>
    satisfiesRequirement(req(c, ints(...xs)), v);

  it('DoesNotExist is the negation of Exists', () => {
    fc.assert(fc.property(value, (v) => holds('DoesNotExist', v) === !holds('Exists', v)));
  });

  it('In is the OR of EqualTo over its values', () => {
    fc.assert(
      fc.property(
        value,
        set,
        (v, xs) => holds('In', v, ...xs) === xs.some((x) => holds('EqualTo', v, x)),
      ),
    );
  });

  it('NotIn is the negation of In for a held value, and fails for an absent one', () => {
    fc.assert(
      fc.property(
        value,
        set,
        (v, xs) => holds('NotIn', v, ...xs) === (v !== undefined && !holds('In', v, ...xs)),
      ),
    );
  });

  it('NotEqualTo is the negation of EqualTo for a held value', () => {
    fc.assert(
      fc.property(
        value,
        bound,
        (v, x) => holds('NotEqualTo', v, x) === (v !== undefined && !holds('EqualTo', v, x)),
      ),
    );
  });

  it('orderings: > is not <=, < is not >=, >= is > or =, <= is < or =', () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer(), (v, x) => {
        expect(holds('GreaterThan', v, x)).toBe(!holds('LessThanOrEqualTo', v, x));
        expect(holds('LessThan', v, x)).toBe(!holds('GreaterThanOrEqualTo', v, x));
        expect(holds('GreaterThanOrEqualTo', v, x)).toBe(
          holds('GreaterThan', v, x) || holds('EqualTo', v, x),
        );
        expect(holds('LessThanOrEqualTo', v, x)).toBe(
          holds('LessThan', v, x) || holds('EqualTo', v, x),
        );
        expect(holds('GreaterThan', v, x)).toBe(v > x);
      }),
    );
  });

  it('for an absent value only DoesNotExist holds', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...COMPARATORS),
        set,
        (c, xs) => holds(c, undefined, ...xs) === (c === 'DoesNotExist'),
      ),
    );
  });

  it('a list is met exactly when each of its requirements is', () => {
    const requirement = fc.record({
      comparator: fc.constantFrom(...COMPARATORS),
      values: set,
      type: fc.constantFrom(TYPE, OTHER),
    });
    const held = fc.record({
      [TYPE]: value,
      [OTHER]: value,
    });
    fc.assert(
      fc.property(fc.array(requirement, { maxLength: 20 }), held, (rs, h) => {
        const values = new Map<string, QualificationValue>();
        for (const [k, v] of Object.entries(h)) if (v !== undefined) values.set(k, v);
        const list = rs.map((r) => req(r.comparator, ints(...r.values), r.type));
        return (
          meetsRequirements(list, values) ===
          list.every((r) => satisfiesRequirement(r, values.get(r.qualificationTypeId)))
        );
      }),
    );
  });
});

describe('approval rate', () => {
  it.each([
    [0, 0, 100],
    [1, 0, 100],
    [0, 1, 0],
    [3, 1, 75],
    [199, 1, 99],
    [2, 1, 66],
  ])(
    '%i approved and %i rejected give %i %% counted from the first review',
    (approved, rejected, percent) => {
      expect(approvalRatePercent(approved, rejected, 0)).toBe(percent);
    },
  );

  it.each([
    [4, 1, 100],
    [0, 99, 100],
    [80, 20, 80],
    [99, 1, 99],
    [0, 100, 0],
  ])(
    '%i approved and %i rejected give %i %% when it counts from 100 decided',
    (approved, rejected, percent) => {
      expect(approvalRatePercent(approved, rejected, 100)).toBe(percent);
    },
  );
});
