import {
  canonicalQualificationTypeId,
  type QualificationRequirement,
} from '../../../shared/api/qualifications.js';

/** An integer for most types; an ISO 3166 alpha-2 code for the country system type. */
export type QualificationValue = number | string;

/** A worker's values keyed by canonical type id; a type the worker does not hold is absent. */
export type QualificationValues = ReadonlyMap<string, QualificationValue>;

type Requirement = Pick<
  QualificationRequirement,
  'qualificationTypeId' | 'comparator' | 'integerValues' | 'localeValues'
>;

function difference(value: QualificationValue, other: QualificationValue | undefined) {
  return typeof value === 'number' && typeof other === 'number' ? value - other : undefined;
}

/**
 * MTurk's semantics: a worker without the qualification meets only `DoesNotExist`, so `NotIn`
 * and `NotEqualTo` also fail for them. A value is compared with the requirement's values of the
 * same kind (integers with integerValues, countries with localeValues); with none of its kind the
 * requirement is not met.
 */
export function satisfiesRequirement(
  requirement: Requirement,
  value: QualificationValue | undefined,
): boolean {
  if (requirement.comparator === 'Exists') return value !== undefined;
  if (requirement.comparator === 'DoesNotExist') return value === undefined;
  if (value === undefined) return false;
  const candidates: readonly QualificationValue[] =
    (typeof value === 'number' ? requirement.integerValues : requirement.localeValues) ?? [];
  const first = candidates[0];
  if (first === undefined) return false;
  const diff = difference(value, first);
  switch (requirement.comparator) {
    case 'EqualTo':
      return value === first;
    case 'NotEqualTo':
      return value !== first;
    case 'GreaterThan':
      return diff !== undefined && diff > 0;
    case 'GreaterThanOrEqualTo':
      return diff !== undefined && diff >= 0;
    case 'LessThan':
      return diff !== undefined && diff < 0;
    case 'LessThanOrEqualTo':
      return diff !== undefined && diff <= 0;
    case 'In':
      return candidates.includes(value);
    case 'NotIn':
      return !candidates.includes(value);
  }
}

/** The positions of the requirements the worker does not meet, to explain a refusal. */
export function unmetRequirements(
  requirements: readonly Requirement[],
  values: QualificationValues,
): number[] {
  const unmet: number[] = [];
  requirements.forEach((requirement, index) => {
    const value = values.get(canonicalQualificationTypeId(requirement.qualificationTypeId));
    if (!satisfiesRequirement(requirement, value)) unmet.push(index);
  });
  return unmet;
}

/** Every requirement must hold (an empty list always does). */
export function meetsRequirements(
  requirements: readonly Requirement[],
  values: QualificationValues,
): boolean {
  return unmetRequirements(requirements, values).length === 0;
}

/** The distinct canonical type ids that requirements refer to. */
export function requirementTypeIds(requirements: readonly Requirement[]): string[] {
  return [...new Set(requirements.map((r) => canonicalQualificationTypeId(r.qualificationTypeId)))];
}
