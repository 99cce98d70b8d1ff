import {
  SYSTEM_QUALIFICATION_IDS,
  type Comparator,
  type QualificationRequirement,
} from '../../../shared/api/qualifications.js';
import type { QualificationValue } from './requirements.js';

type Requirement = Pick<
  QualificationRequirement,
  'qualificationTypeId' | 'comparator' | 'integerValues' | 'localeValues'
>;

/** What a worker is told about a requirement they do not meet. */
export type UnmetRequirement = {
  /** The requirement's position in the project's list. */
  index: number;
  requirement: Requirement & { name: string };
  /** The worker's value; null when they do not hold the qualification. */
  workerValue: QualificationValue | null;
  /** What the requirement asks, the worker's standing and how to meet it, in one sentence or three. */
  hint: string;
  /** The type has a test the worker can take to meet it. */
  testAvailable: boolean;
  /** The worker may ask the requester for it (an active, requestable type). */
  requestable?: boolean;
};

const PHRASES: Record<Exclude<Comparator, 'Exists' | 'DoesNotExist'>, string> = {
  EqualTo: 'exactly',
  NotEqualTo: 'anything but',
  GreaterThan: 'more than',
  GreaterThanOrEqualTo: 'at least',
  LessThan: 'less than',
  LessThanOrEqualTo: 'at most',
  In: 'one of',
  NotIn: 'none of',
};

function wanted(requirement: Requirement, unit = ''): string {
  if (requirement.comparator === 'Exists' || requirement.comparator === 'DoesNotExist') return '';
  const values = [...(requirement.integerValues ?? []), ...(requirement.localeValues ?? [])];
  const many = requirement.comparator === 'In' || requirement.comparator === 'NotIn';
  const shown = (many ? values : values.slice(0, 1)).map((v) => `${v}${unit}`).join(', ');
  return `${PHRASES[requirement.comparator]} ${shown}`;
}

function approvalRateHint(
  requirement: Requirement,
  value: QualificationValue | undefined,
  record: { approved: number; rejected: number },
  minDecided: number,
): string {
  const decided = record.approved + record.rejected;
  const asks = `Approval rate must be ${wanted(requirement, ' %')}.`;
  if (decided < minDecided) {
    return `${asks} Yours counts as ${String(value)} % until you have ${minDecided} decided tasks (you have ${decided}).`;
  }
  return `${asks} Yours: ${String(value)} % (${record.approved} of ${decided} decided tasks approved). It rises as more of your work is approved.`;
}

/**
 * Why a worker does not meet one requirement and what they can do about it, in words the web
 * app shows as they are. `typeName` is the qualification type's name; `record` the worker's
 * decided work, which the approval-rate hint quotes.
 */
export function explainUnmetRequirement(args: {
  requirement: Requirement;
  typeName: string;
  value: QualificationValue | undefined;
  record: { approved: number; rejected: number };
  minDecided: number;
}): string {
  const { requirement, typeName, value, record, minDecided } = args;
  const { approvalRate, approvedCount, country } = SYSTEM_QUALIFICATION_IDS;
  switch (requirement.qualificationTypeId) {
    case approvalRate:
      return approvalRateHint(requirement, value, record, minDecided);
    case approvedCount:
      return `Approved tasks must be ${wanted(requirement)}. Yours: ${String(value)}. It rises as requesters approve your work.`;
    case country:
      return requirement.comparator === 'DoesNotExist'
        ? 'Open only to workers without a country in their profile.'
        : `Your country must be ${wanted(requirement) || 'set'}. Yours: ${value === undefined ? 'not set — set it in your profile' : String(value)}.`;
  }
  if (requirement.comparator === 'DoesNotExist') {
    return `Open only to workers without the qualification '${typeName}'; you hold it.`;
  }
  if (value === undefined) {
    const level = requirement.comparator === 'Exists' ? '' : ` (${wanted(requirement)})`;
    return `Requires the qualification '${typeName}'${level} — ask the requester or take its test.`;
  }
  return `Requires '${typeName}' ${wanted(requirement)}. Yours: ${String(value)} — ask the requester how to raise it.`;
}
