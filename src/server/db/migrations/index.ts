import type { Migration } from 'kysely';
import * as accounts from './20261127000100_accounts.js';
import * as ledger from './20261127000200_ledger.js';
import * as projects from './20261127001000_projects.js';
import * as qualifications from './20261127002000_qualifications.js';
import * as oauth from './20261127003000_oauth.js';
import * as assignments from './20261127004000_assignments.js';
import * as reviewMoney from './20261127005000_review_money.js';
import * as notifications from './20261127006000_notifications.js';
import * as feedOrderIndexes from './20261128001000_feed_order_indexes.js';
import * as projectOpenTasks from './20261128002000_project_open_tasks.js';
import * as loginThrottles from './20261206010000_login_throttles.js';
import * as uploadSlots from './20261206020000_upload_slots.js';
import * as idempotencyKeys from './20261206030000_idempotency_keys.js';
import * as usersShowEarnings from './20261206050000_users_show_earnings.js';
import * as setupTokens from './20261206060000_setup_tokens.js';
import * as approvalRateDescription from './20261206070000_approval_rate_description.js';
import * as projectWorkTimes from './20261206070100_project_work_times.js';
import * as batchCancellation from './20261206110000_batch_cancellation.js';
import * as taskNumbers from './20261206120000_task_numbers.js';
import * as manualDeposits from './20261206130000_manual_deposits.js';
import * as payoutMethods from './20261206130100_payout_methods.js';
import * as email from './20261206140000_email.js';
import * as mturkAccessKeys from './20261207100000_mturk_access_keys.js';
import * as mturkHits from './20261207100100_mturk_hits.js';
import * as workTimesUnchanged from './20261207110000_work_times_unchanged.js';
import * as webhooks from './20261207130000_webhooks.js';
import * as mturkHitOps from './20261208010000_mturk_hit_ops.js';
import * as qualificationRequests from './20261208020000_qualification_requests.js';
import * as qualificationTests from './20261208030000_qualification_tests.js';
import * as workerMessages from './20261208050000_worker_messages.js';
import * as mturkNotificationSettings from './20261208050100_mturk_notification_settings.js';
import * as mturkHitMaxAssignments from './20261209010000_mturk_hit_max_assignments.js';
import * as webhookSecretsSealed from './20261209020000_webhook_secrets_sealed.js';
import * as qualificationTestMturkSource from './20261209030000_qualification_test_mturk_source.js';
import * as goldTasks from './20261209060000_gold_tasks.js';
import * as taskAggregates from './20261209070000_task_aggregates.js';
import * as adaptiveOverlap from './20261210060000_adaptive_overlap.js';
import * as fairPay from './20261210070000_fair_pay.js';
import * as reputation from './20261210080000_reputation.js';
import * as auditLog from './20261210090000_audit_log.js';
import * as pilotRuns from './20261211010000_pilot_runs.js';
import * as appeals from './20261211020000_appeals.js';
import * as messages from './20261211030000_messages.js';
import * as governance from './20261211040000_governance.js';
import * as plausibleWork from './20261211060000_plausible_work.js';
import * as feedRatedRequestersIndex from './20261212010000_feed_rated_requesters_index.js';
import * as openTaskChanges from './20261213010000_open_task_changes.js';

/**
 * Every migration, in order. A static list (rather than reading the folder) works the same under
 * tsx, Vitest and the compiled build.
 */
export const migrations: Record<string, Migration> = {
  '20261127000100_accounts': accounts,
  '20261127000200_ledger': ledger,
  '20261127001000_projects': projects,
  '20261127002000_qualifications': qualifications,
  '20261127003000_oauth': oauth,
  '20261127004000_assignments': assignments,
  '20261127005000_review_money': reviewMoney,
  '20261127006000_notifications': notifications,
  '20261128001000_feed_order_indexes': feedOrderIndexes,
  '20261128002000_project_open_tasks': projectOpenTasks,
  '20261206010000_login_throttles': loginThrottles,
  '20261206020000_upload_slots': uploadSlots,
  '20261206030000_idempotency_keys': idempotencyKeys,
  '20261206050000_users_show_earnings': usersShowEarnings,
  '20261206060000_setup_tokens': setupTokens,
  '20261206070000_approval_rate_description': approvalRateDescription,
  '20261206070100_project_work_times': projectWorkTimes,
  '20261206110000_batch_cancellation': batchCancellation,
  '20261206120000_task_numbers': taskNumbers,
  '20261206130000_manual_deposits': manualDeposits,
  '20261206130100_payout_methods': payoutMethods,
  '20261206140000_email': email,
  '20261207100000_mturk_access_keys': mturkAccessKeys,
  '20261207100100_mturk_hits': mturkHits,
  '20261207110000_work_times_unchanged': workTimesUnchanged,
  '20261207130000_webhooks': webhooks,
  '20261208010000_mturk_hit_ops': mturkHitOps,
  '20261208020000_qualification_requests': qualificationRequests,
  '20261208030000_qualification_tests': qualificationTests,
  '20261208050000_worker_messages': workerMessages,
  '20261208050100_mturk_notification_settings': mturkNotificationSettings,
  '20261209010000_mturk_hit_max_assignments': mturkHitMaxAssignments,
  '20261209020000_webhook_secrets_sealed': webhookSecretsSealed,
  '20261209030000_qualification_test_mturk_source': qualificationTestMturkSource,
  '20261209060000_gold_tasks': goldTasks,
  '20261209070000_task_aggregates': taskAggregates,
  '20261210060000_adaptive_overlap': adaptiveOverlap,
  '20261210070000_fair_pay': fairPay,
  '20261210080000_reputation': reputation,
  '20261210090000_audit_log': auditLog,
  '20261211010000_pilot_runs': pilotRuns,
  '20261211020000_appeals': appeals,
  '20261211030000_messages': messages,
  '20261211040000_governance': governance,
  '20261211060000_plausible_work': plausibleWork,
  '20261212010000_feed_rated_requesters_index': feedRatedRequestersIndex,
  '20261213010000_open_task_changes': openTaskChanges,
};
