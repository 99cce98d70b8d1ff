import type { ProposalStatus, RuleKey } from '../../../../shared/api/governance.js';
import { formatCents } from '../../../../shared/money.js';

const days = (n: number) => `${+n.toFixed(4)} day${n === 1 ? '' : 's'}`;

/** A rule's value as people read it: money per hour, days, a percentage. */
export function formatRuleValue(rule: RuleKey, value: number): string {
  switch (rule) {
    case 'minHourlyCents':
      return value === 0 ? 'No floor' : `${formatCents(value)} an hour`;
    case 'maxAutoApproveSeconds':
      return days(value / 86_400);
    case 'appealDays':
    case 'appealResponseDays':
      return days(value);
    case 'flagRejectionPercent':
      return `${value} %`;
  }
}

export const STATUS_LABELS: Record<ProposalStatus, string> = {
  voting: 'Voting open',
  passed: 'Passed',
  failed: 'Failed',
  vetoed: 'Vetoed',
};

export const STATUS_COLORS: Record<ProposalStatus, string> = {
  voting: 'blue',
  passed: 'green',
  failed: 'gray',
  vetoed: 'red',
};
