/**
 * What the database's catalogue cannot say about a column, for the generated
 * src/server/db/schema.ts: the shape of each jsonb column, and the allowed values of each text
 * column a CHECK constraint limits to a list. Those lists are defined once, in src/shared; the
 * generator refuses to run when a constraint and its list disagree.
 */
import { ROLES, USER_STATUSES } from '../../src/shared/api/accounts.js';
import { APPEAL_STATUSES } from '../../src/shared/api/appeals.js';
import { PAYOUT_STATUSES } from '../../src/shared/api/earnings.js';
import { EMAIL_TOKEN_PURPOSES } from '../../src/shared/api/email.js';
import {
  PROPOSAL_STATUSES,
  RULE_KEYS,
  RULE_SOURCES,
  VOTES,
} from '../../src/shared/api/governance.js';
import { LEDGER_ACCOUNTS, LEDGER_KINDS } from '../../src/shared/api/money.js';
import { NOTIFICATION_KINDS } from '../../src/shared/api/notifications.js';
import { OAUTH_CLIENT_TYPES } from '../../src/shared/api/oauth.js';
import { PAYOUT_METHODS } from '../../src/shared/api/payout-methods.js';
import { BATCH_STATUSES, PROJECT_STATUSES } from '../../src/shared/api/projects.js';
import { TEST_ATTEMPT_STATUSES } from '../../src/shared/api/qualification-tests.js';
import { QUALIFICATION_REQUEST_STATUSES } from '../../src/shared/api/qualification-requests.js';
import { QUALIFICATION_VALUE_KINDS } from '../../src/shared/api/qualifications.js';
import { WEBHOOK_DELIVERY_STATUSES, WEBHOOK_EVENTS } from '../../src/shared/api/webhooks.js';
import { ASSIGNMENT_STATUSES } from '../../src/shared/api/work.js';
import { SCOPES } from '../../src/shared/scopes.js';

/** A type the generated file imports, and the module (relative to src/server/db) it comes from. */
export const IMPORTS: Record<string, string> = {
  JsonColumn: './column-types.js',
  Role: '../../shared/api/accounts.js',
  UserStatus: '../../shared/api/accounts.js',
  PayoutStatus: '../../shared/api/earnings.js',
  EmailTokenPurpose: '../../shared/api/email.js',
  ProposalStatus: '../../shared/api/governance.js',
  RuleKey: '../../shared/api/governance.js',
  RuleSource: '../../shared/api/governance.js',
  Vote: '../../shared/api/governance.js',
  LedgerAccountKind: '../../shared/api/money.js',
  LedgerTransactionKind: '../../shared/api/money.js',
  NotificationKind: '../../shared/api/notifications.js',
  OAuthClientType: '../../shared/api/oauth.js',
  PayoutMethodKind: '../../shared/api/payout-methods.js',
  BatchStatus: '../../shared/api/projects.js',
  ProjectStatus: '../../shared/api/projects.js',
  QualificationValueKind: '../../shared/api/qualifications.js',
  QualificationRequirement: '../../shared/api/qualifications.js',
  AnswerKey: '../../shared/qualification-test-scoring.js',
  TestAttemptStatus: '../../shared/api/qualification-tests.js',
  FormTemplate: '../../shared/templates/model.js',
  QualificationRequestStatus: '../../shared/api/qualification-requests.js',
  Template: '../../shared/templates/model.js',
  AssignmentStatus: '../../shared/api/work.js',
  AppealStatus: '../../shared/api/appeals.js',
  Scope: '../../shared/scopes.js',
  WebhookDeliveryStatus: '../../shared/api/webhooks.js',
  WebhookEvent: '../../shared/api/webhooks.js',
};

/** Text columns whose CHECK constraint lists their values: the type, and the list it must match. */
export const ENUM_COLUMNS: Record<string, { type: string; values: readonly string[] }> = {
  'users.status': { type: 'UserStatus', values: USER_STATUSES },
  'governance_proposals.rule': { type: 'RuleKey', values: RULE_KEYS },
  'governance_proposals.status': { type: 'ProposalStatus', values: PROPOSAL_STATUSES },
  'governance_votes.vote': { type: 'Vote', values: VOTES },
  'rule_values.rule': { type: 'RuleKey', values: RULE_KEYS },
  'rule_values.source': { type: 'RuleSource', values: RULE_SOURCES },
  'ledger_accounts.kind': { type: 'LedgerAccountKind', values: LEDGER_ACCOUNTS },
  'ledger_transactions.kind': { type: 'LedgerTransactionKind', values: LEDGER_KINDS },
  'qualification_types.value_kind': {
    type: 'QualificationValueKind',
    values: QUALIFICATION_VALUE_KINDS,
  },
  'qualification_requests.status': {
    type: 'QualificationRequestStatus',
    values: QUALIFICATION_REQUEST_STATUSES,
  },
  'oauth_clients.type': { type: 'OAuthClientType', values: OAUTH_CLIENT_TYPES },
  'projects.status': { type: 'ProjectStatus', values: PROJECT_STATUSES },
  'batches.status': { type: 'BatchStatus', values: BATCH_STATUSES },
  'assignments.status': { type: 'AssignmentStatus', values: ASSIGNMENT_STATUSES },
  'appeals.status': { type: 'AppealStatus', values: APPEAL_STATUSES },
  'notifications.kind': { type: 'NotificationKind', values: NOTIFICATION_KINDS },
  'payouts.status': { type: 'PayoutStatus', values: PAYOUT_STATUSES },
  'email_tokens.purpose': { type: 'EmailTokenPurpose', values: EMAIL_TOKEN_PURPOSES },
  'payouts.method': { type: 'PayoutMethodKind', values: PAYOUT_METHODS },
  'payout_methods.method': { type: 'PayoutMethodKind', values: PAYOUT_METHODS },
  'payout_method_changes.method': { type: 'PayoutMethodKind', values: PAYOUT_METHODS },
  'qualification_test_attempts.status': {
    type: 'TestAttemptStatus',
    values: TEST_ATTEMPT_STATUSES,
  },
  'webhook_deliveries.status': {
    type: 'WebhookDeliveryStatus',
    values: WEBHOOK_DELIVERY_STATUSES,
  },
};

/** Array columns of enum values (no constraint checks them; the API validates what goes in). */
export const ARRAY_COLUMNS: Record<string, { type: string; values: readonly string[] }> = {
  'users.roles': { type: 'Role', values: ROLES },
  'api_tokens.scopes': { type: 'Scope', values: SCOPES },
  'oauth_clients.scopes': { type: 'Scope', values: SCOPES },
  'webhooks.events': { type: 'WebhookEvent', values: WEBHOOK_EVENTS },
};

/** jsonb columns and the shape they hold (validated when written). */
export const JSON_COLUMNS: Record<string, string> = {
  'projects.template': 'Template',
  'projects.qualification_requirements': 'QualificationRequirement[]',
  'mturk_hit_types.qualification_requirements': 'QualificationRequirement[]',
  'tasks.data': 'Record<string, string>',
  'assignments.answers': 'Record<string, unknown>',
  'oauth_models.payload': 'Record<string, unknown>',
  'oauth_secrets.value': 'unknown',
  'audit_events.details': 'Record<string, unknown>',
  'qualification_tests.template': 'FormTemplate',
  'qualification_tests.answer_key': 'AnswerKey',
  'qualification_test_attempts.template': 'FormTemplate',
  'qualification_test_attempts.answer_key': 'AnswerKey',
  'qualification_test_attempts.answers': 'Record<string, unknown>',
};
