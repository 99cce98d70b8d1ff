import type { AuditEntry } from '../../shared/api/audit.js';
import { formatCents } from '../../shared/money.js';

/** The families of actions, as the admin's filter offers them (a prefix ending with a dot). */
export const AUDIT_FAMILIES = [
  { value: 'user.', label: 'Accounts and roles' },
  { value: 'token.', label: 'Access tokens' },
  { value: 'access_key.', label: 'MTurk access keys' },
  { value: 'oauth_app.', label: 'OAuth apps' },
  { value: 'funds.', label: 'Deposits' },
  { value: 'payout.', label: 'Payouts' },
  { value: 'appeal.', label: 'Appeals' },
  { value: 'governance.', label: 'Rules and proposals' },
] as const;

const LABELS: Record<string, string> = {
  'user.suspended': 'Account suspended',
  'user.reinstated': 'Account reinstated',
  'user.role_added': 'Role added',
  'user.admin_created': 'Administrator created',
  'user.email_verified_by_operator': 'Email marked verified by the operator',
  'user.password_reset_link_issued': 'Password reset link issued',
  'token.created': 'Access token created',
  'token.deleted': 'Access token revoked',
  'access_key.created': 'MTurk access key created',
  'access_key.deleted': 'MTurk access key deleted',
  'oauth_app.created': 'OAuth app registered',
  'oauth_app.secret_rotated': 'OAuth app secret replaced',
  'oauth_app.deleted': 'OAuth app deleted',
  'funds.deposited': 'Funds deposited',
  'funds.deposit_recorded': 'Offline payment recorded',
  'payout.requested': 'Payout requested',
  'payout.paid': 'Payout marked paid',
  'payout.cancelled': 'Payout cancelled',
  'appeal.overturned': 'Rejection overturned on appeal (paid)',
  'appeal.overturned_automatically': 'Unanswered appeal overturned (paid)',
  'governance.proposal_created': 'Rule change proposed',
  'governance.proposal_passed': 'Proposal passed',
  'governance.proposal_failed': 'Proposal failed',
  'governance.proposal_vetoed': 'Proposal vetoed',
  'governance.rule_changed': 'Rule changed',
};

/** A readable name for an action; an action this page does not know yet shows its code. */
export function auditActionLabel(action: string): string {
  return LABELS[action] ?? action;
}

/** The entry's facts in one short line: an amount, a role, a name, a reference. */
export function auditSummary(entry: AuditEntry): string {
  const parts: string[] = [];
  const { details } = entry;
  if (typeof details.amountCents === 'number') parts.push(formatCents(details.amountCents));
  if (typeof details.role === 'string') parts.push(details.role);
  if (typeof details.name === 'string') parts.push(`“${details.name}”`);
  if (typeof details.rule === 'string') {
    const to = details.to ?? details.value;
    parts.push(typeof to === 'number' ? `${details.rule} → ${to}` : details.rule);
  }
  if (typeof details.reference === 'string') parts.push(`ref. ${details.reference}`);
  if (typeof details.reason === 'string') parts.push(details.reason);
  if (typeof details.by === 'string') parts.push(`by ${details.by}`);
  return parts.join(' · ');
}
