import type {
  Comparator,
  QualificationRequirement,
  QualificationValueKind,
} from '../../../../shared/api/qualifications.js';
import { fieldIssuesIn } from '../../../lib/narrow.js';

export type ValueShape = 'none' | 'one' | 'list';

/** How many values a comparator compares: none (Exists), exactly one (EqualTo…), a list (In). */
export function valueShape(comparator: Comparator): ValueShape {
  switch (comparator) {
    case 'Exists':
    case 'DoesNotExist':
      return 'none';
    case 'In':
    case 'NotIn':
      return 'list';
    case 'EqualTo':
    case 'NotEqualTo':
    case 'GreaterThan':
    case 'GreaterThanOrEqualTo':
    case 'LessThan':
    case 'LessThanOrEqualTo':
      return 'one';
  }
}

export const COMPARATOR_LABELS: Record<Comparator, string> = {
  Exists: 'has any value',
  DoesNotExist: 'does not have it',
  EqualTo: 'is equal to',
  NotEqualTo: 'is not equal to',
  GreaterThan: 'is greater than',
  GreaterThanOrEqualTo: 'is at least',
  LessThan: 'is less than',
  LessThanOrEqualTo: 'is at most',
  In: 'is one of',
  NotIn: 'is none of',
};

/** One requirement as the editor holds it: values of both kinds kept while the type changes. */
export type RequirementDraft = {
  key: string;
  qualificationTypeId: string;
  comparator: Comparator;
  integerValues: number[];
  localeValues: string[];
};

let lastKey = 0;
export function requirementKey(): string {
  lastKey += 1;
  return `requirement-${lastKey}`;
}

export function draftOfRequirement(requirement: {
  qualificationTypeId: string;
  comparator: Comparator;
  integerValues?: number[] | undefined;
  localeValues?: string[] | undefined;
}): RequirementDraft {
  return {
    key: requirementKey(),
    qualificationTypeId: requirement.qualificationTypeId,
    comparator: requirement.comparator,
    integerValues: requirement.integerValues ?? [],
    localeValues: requirement.localeValues ?? [],
  };
}

/**
 * The requirement the API expects: only the values of the type's kind, and only as many as the
 * comparator compares (a list cut to one when the comparator changed from In to EqualTo).
 */
export function requirementOf(
  draft: RequirementDraft,
  kind: QualificationValueKind,
): QualificationRequirement {
  const shape = valueShape(draft.comparator);
  const base = { qualificationTypeId: draft.qualificationTypeId, comparator: draft.comparator };
  if (shape === 'none') return base;
  const kept = <T>(values: T[]) => (shape === 'one' ? values.slice(0, 1) : values);
  return kind === 'locale'
    ? { ...base, localeValues: kept(draft.localeValues) }
    : { ...base, integerValues: kept(draft.integerValues) };
}

/** A whole number typed into a list of values, or null when it is not one. */
export function parseIntegerValue(text: string): number | null {
  const trimmed = text.trim();
  if (!/^-?\d{1,10}$/.test(trimmed)) return null;
  const value = Number(trimmed);
  return value >= -2_147_483_648 && value <= 2_147_483_647 ? value : null;
}

/**
 * API problems about a list in the body, by position and field: `body.qualificationRequirements.2.integerValues`
 * becomes `{ 2: { integerValues: '…' } }`.
 */
export function issuesByIndex(
  details: unknown,
  field: string,
): Record<number, Record<string, string>> {
  const grouped: Record<number, Record<string, string>> = {};
  const prefix = `body.${field}.`;
  for (const { path, message } of fieldIssuesIn(details)) {
    if (!path.startsWith(prefix)) continue;
    const [index, ...rest] = path.slice(prefix.length).split('.');
    if (index === undefined || !/^\d+$/.test(index)) continue;
    const forRow = (grouped[Number(index)] ??= {});
    forRow[rest[0] ?? 'qualificationTypeId'] ??= message;
  }
  return grouped;
}
