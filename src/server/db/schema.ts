/**
 * The database's tables as Kysely sees them, generated from the migrated schema by
 * `npm run db:types` (scripts/db-types). Do not edit: write a migration, run the command and
 * commit the result; the integration suite fails while this file and the migrations disagree.
 * Column shapes and enum lists the catalogue cannot tell come from scripts/db-types/columns.ts.
 */
import type { Role, UserStatus } from '../../shared/api/accounts.js';
import type { AppealStatus } from '../../shared/api/appeals.js';
import type { PayoutStatus } from '../../shared/api/earnings.js';
import type { EmailTokenPurpose } from '../../shared/api/email.js';
import type { ProposalStatus, RuleKey, RuleSource, Vote } from '../../shared/api/governance.js';
import type { LedgerAccountKind, LedgerTransactionKind } from '../../shared/api/money.js';
import type { NotificationKind } from '../../shared/api/notifications.js';
import type { OAuthClientType } from '../../shared/api/oauth.js';
import type { PayoutMethodKind } from '../../shared/api/payout-methods.js';
import type { BatchStatus, ProjectStatus } from '../../shared/api/projects.js';
import type { QualificationRequestStatus } from '../../shared/api/qualification-requests.js';
import type { TestAttemptStatus } from '../../shared/api/qualification-tests.js';
import type {
  QualificationRequirement,
  QualificationValueKind,
} from '../../shared/api/qualifications.js';
import type { WebhookDeliveryStatus, WebhookEvent } from '../../shared/api/webhooks.js';
import type { AssignmentStatus } from '../../shared/api/work.js';
import type { AnswerKey } from '../../shared/qualification-test-scoring.js';
import type { Scope } from '../../shared/scopes.js';
import type { FormTemplate, Template } from '../../shared/templates/model.js';
import type { JsonColumn } from './column-types.js';
import type { ColumnType } from 'kysely';

export type Generated<T> =
  T extends ColumnType<infer S, infer I, infer U>
    ? ColumnType<S, I | undefined, U>
    : ColumnType<T, T | undefined, T>;

export type Json = JsonValue;

export type JsonArray = JsonValue[];

export type JsonObject = {
  [x: string]: JsonValue | undefined;
};

export type JsonPrimitive = boolean | number | string | null;

export type JsonValue = JsonArray | JsonObject | JsonPrimitive;

export type Timestamp = ColumnType<Date, Date | string, Date | string>;

export interface ApiTokens {
  created_at: Generated<Timestamp>;
  expires_at: Timestamp | null;
  id: Generated<string>;
  last_used_at: Timestamp | null;
  name: string;
  scopes: Scope[];
  token_hash: string;
  token_prefix: string;
  user_id: string;
}

export interface Appeals {
  assignment_id: string;
  automatic: Generated<boolean>;
  created_at: Timestamp;
  decided_at: Timestamp | null;
  decided_by: string | null;
  decision_message: string | null;
  id: Generated<string>;
  message: string;
  project_id: string;
  rejected_at: Timestamp;
  rejection_reason: string;
  requester_id: string;
  response_deadline: Timestamp;
  status: Generated<AppealStatus>;
  worker_id: string;
}

export interface Assignments {
  accepted_at: Timestamp;
  active_seconds: number | null;
  answers: JsonColumn<Record<string, unknown>> | null;
  auto_approve_at: Timestamp | null;
  deadline: Timestamp;
  expired_at: Timestamp | null;
  feedback: string | null;
  gold_correct: boolean | null;
  gold_results: Json | null;
  holds_slot: Generated<boolean>;
  id: Generated<string>;
  pilot: Generated<boolean>;
  pilot_feedback: string | null;
  project_id: string;
  returned_at: Timestamp | null;
  reviewed_at: Timestamp | null;
  reviewed_by: string | null;
  reward_cents: number;
  status: Generated<AssignmentStatus>;
  submitted_at: Timestamp | null;
  task_id: string;
  top_up_cents: Generated<number>;
  updated_at: Generated<Timestamp>;
  work_seconds: number | null;
  worker_id: string;
}

export interface AuditEvents {
  action: string;
  actor_id: string | null;
  created_at: Timestamp;
  details: Generated<JsonColumn<Record<string, unknown>>>;
  id: Generated<string>;
  request_id: string | null;
  subject_user_id: string | null;
  target_id: string | null;
  target_type: string | null;
}

export interface Batches {
  cancelled_at: Timestamp | null;
  columns: string[];
  created_at: Generated<Timestamp>;
  escrow_cents: Generated<number>;
  filename: string | null;
  id: Generated<string>;
  project_id: string;
  released_cents: Generated<number>;
  row_count: number;
  status: Generated<BatchStatus>;
}

export interface Blocks {
  created_at: Generated<Timestamp>;
  reason: string;
  requester_id: string;
  worker_id: string;
}

export interface Bonuses {
  amount_cents: number;
  assignment_id: string;
  created_at: Timestamp;
  fee_cents: number;
  id: Generated<string>;
  ledger_transaction_id: string | null;
  project_id: string;
  reason: string;
  requester_id: string;
  worker_id: string;
}

export interface EmailDigests {
  created_at: Timestamp;
  notification_count: number;
  sent_on: string;
  user_id: string;
}

export interface EmailTokens {
  created_at: Timestamp;
  email: string;
  expires_at: Timestamp;
  issued_by: string | null;
  purpose: EmailTokenPurpose;
  token_hash: string;
  used_at: Timestamp | null;
  user_id: string;
}

export interface GovernanceProposals {
  closes_at: Timestamp;
  created_at: Timestamp;
  decided_at: Timestamp | null;
  id: Generated<string>;
  previous_value: number;
  proposer_id: string;
  reason: string;
  rule: RuleKey;
  status: Generated<ProposalStatus>;
  value: number;
  veto_reason: string | null;
  vetoed_by: string | null;
}

export interface GovernanceVotes {
  as_requester: boolean;
  as_worker: boolean;
  created_at: Timestamp;
  proposal_id: string;
  vote: Vote;
  voter_id: string;
}

export interface IdempotencyKeys {
  caller_id: string;
  created_at: Generated<Timestamp>;
  key: string;
  request_hash: string | null;
  resource_id: string | null;
  route: string;
}

export interface LedgerAccounts {
  balance_cents: Generated<number>;
  created_at: Generated<Timestamp>;
  id: Generated<string>;
  kind: LedgerAccountKind;
  user_id: string | null;
}

export interface LedgerEntries {
  account_id: string;
  amount_cents: number;
  created_at: Generated<Timestamp>;
  id: Generated<number>;
  project_id: string | null;
  transaction_id: string;
}

export interface LedgerTransactions {
  actor_id: string | null;
  assignment_id: string | null;
  created_at: Generated<Timestamp>;
  external_reference: string | null;
  id: Generated<string>;
  kind: LedgerTransactionKind;
  memo: string;
  project_id: string | null;
  provider: string | null;
}

export interface LoginThrottles {
  attempts: number;
  blocked_until: Timestamp | null;
  key_hash: string;
  last_attempt_at: Timestamp;
}

export interface ManualDeposits {
  amount_cents: number;
  id: Generated<string>;
  note: string | null;
  recorded_at: Generated<Timestamp>;
  recorded_by: string;
  reference: string;
  requester_id: string;
  transaction_id: string;
}

export interface Messages {
  body: string;
  created_at: Timestamp;
  id: Generated<string>;
  send_id: string;
  sender_id: string;
  seq: Generated<number>;
  thread_id: string;
}

export interface MessageThreads {
  assignment_id: string | null;
  created_at: Timestamp;
  id: Generated<string>;
  last_message_at: Timestamp;
  project_id: string | null;
  requester_id: string;
  requester_muted: Generated<boolean>;
  requester_read_seq: Generated<number>;
  worker_id: string;
  worker_muted: Generated<boolean>;
  worker_read_seq: Generated<number>;
}

export interface MturkAccessKeys {
  created_at: Generated<Timestamp>;
  encryption_key_id: string;
  id: string;
  last_used_at: Timestamp | null;
  name: string;
  secret_ciphertext: string;
  user_id: string;
}

export interface MturkHitGroups {
  hit_type_id: string;
  max_assignments: number;
  project_id: string;
  question: string;
  question_sha256: string;
}

export interface MturkHits {
  disposed_at: Timestamp | null;
  expired_at: Timestamp | null;
  max_assignments: number | null;
  requester_annotation: string | null;
  reviewing: Generated<boolean>;
  task_id: string;
}

export interface MturkHitTypes {
  assignment_duration_seconds: number;
  auto_approval_delay_seconds: number;
  created_at: Generated<Timestamp>;
  description: string;
  id: string;
  keywords: string[];
  owner_id: string;
  qualification_requirements: JsonColumn<QualificationRequirement[]>;
  reward_cents: number;
  settings_sha256: string;
  title: string;
}

export interface MturkNotificationSettings {
  active: boolean;
  destination: string;
  event_types: string[];
  hit_type_id: string;
  owner_id: string;
  transport: string;
  updated_at: Timestamp;
  version: string;
}

export interface Notifications {
  body: Generated<string>;
  created_at: Generated<Timestamp>;
  id: Generated<string>;
  kind: NotificationKind;
  link: string | null;
  read_at: Timestamp | null;
  title: string;
  user_id: string;
}

export interface OauthClients {
  created_at: Generated<Timestamp>;
  id: string;
  name: string;
  owner_id: string;
  redirect_uris: string[];
  scopes: Scope[];
  secret_hash: string | null;
  type: OAuthClientType;
  updated_at: Generated<Timestamp>;
}

export interface OauthModels {
  account_id: string | null;
  client_id: string | null;
  consumed_at: Timestamp | null;
  expires_at: Timestamp | null;
  grant_id: string | null;
  id: string;
  kind: string;
  payload: JsonColumn<Record<string, unknown>>;
  uid: string | null;
  user_code: string | null;
}

export interface OauthSecrets {
  created_at: Generated<Timestamp>;
  name: string;
  value: JsonColumn<unknown>;
}

export interface PayoutMethodChanges {
  account_holder: string | null;
  changed_at: Timestamp;
  destination: string | null;
  id: Generated<number>;
  method: PayoutMethodKind | null;
  user_id: string;
}

export interface PayoutMethods {
  account_holder: string | null;
  destination: string;
  method: PayoutMethodKind;
  updated_at: Timestamp;
  user_id: string;
}

export interface Payouts {
  account_holder: string | null;
  amount_cents: number;
  cancel_reason: string | null;
  cancelled_at: Timestamp | null;
  decided_by: string | null;
  destination: string | null;
  destination_set_at: Timestamp | null;
  id: Generated<string>;
  method: PayoutMethodKind | null;
  paid_at: Timestamp | null;
  reference: string | null;
  request_transaction_id: string;
  requested_at: Timestamp;
  reversal_transaction_id: string | null;
  status: Generated<PayoutStatus>;
  worker_id: string;
}

export interface ProjectAggregations {
  answers_through: Timestamp;
  computed_at: Timestamp;
  leased_until: Timestamp | null;
  project_id: string;
}

export interface ProjectOpenTaskChanges {
  change: number;
  project_id: string;
}

export interface Projects {
  assignments_per_task: number;
  auto_approve_seconds: number;
  cancelled_at: Timestamp | null;
  completed_at: Timestamp | null;
  created_at: Generated<Timestamp>;
  description: Generated<string>;
  early_access_minutes: Generated<number>;
  estimated_seconds: number | null;
  expires_at: Timestamp;
  gold_feedback: Generated<boolean>;
  gold_percent: Generated<number>;
  id: Generated<string>;
  include_rated_down: Generated<boolean>;
  instructions: Generated<string>;
  keywords: Generated<string[]>;
  min_gold_accuracy_percent: Generated<number>;
  min_gold_answered: Generated<number>;
  min_work_seconds: Generated<number>;
  open_tasks: Generated<number>;
  overlap_agreement_percent: number | null;
  overlap_max: number | null;
  owner_id: string;
  pay_floor_cents: Generated<number>;
  pilot_ended_at: Timestamp | null;
  pilot_last_seq: number | null;
  pilot_started_at: Timestamp | null;
  pilot_tasks: number | null;
  pilot_workers: number | null;
  published_at: Timestamp | null;
  qualification_requirements: Generated<JsonColumn<QualificationRequirement[]>>;
  rejected_slot_reopens: Generated<boolean>;
  reward_cents: number;
  settled_at: Timestamp | null;
  status: Generated<ProjectStatus>;
  task_count: Generated<number>;
  template: JsonColumn<Template>;
  time_allotted_seconds: number;
  title: string;
  top_up_reserve_cents: Generated<number>;
  top_up_to_floor: Generated<boolean>;
  updated_at: Generated<Timestamp>;
  work_samples: Generated<number>;
  work_seconds_median: number | null;
  work_seconds_p25: number | null;
  work_seconds_p75: number | null;
}

export interface QualificationGrants {
  granted_at: Generated<Timestamp>;
  type_id: string;
  updated_at: Generated<Timestamp>;
  value: number;
  worker_id: string;
}

export interface QualificationRequests {
  created_at: Timestamp;
  decided_at: Timestamp | null;
  id: Generated<string>;
  reason: string | null;
  status: Generated<QualificationRequestStatus>;
  type_id: string;
  value: number | null;
  worker_id: string;
}

export interface QualificationRevocations {
  reason: Generated<string>;
  revoked_at: Timestamp;
  type_id: string;
  value: number;
  worker_id: string;
}

export interface QualificationTestAttempts {
  answer_key: JsonColumn<AnswerKey>;
  answers: JsonColumn<Record<string, unknown>> | null;
  deadline: Timestamp;
  id: Generated<string>;
  max_score: number;
  passed: boolean | null;
  passing_score: number;
  score: number | null;
  started_at: Timestamp;
  status: Generated<TestAttemptStatus>;
  submitted_at: Timestamp | null;
  template: JsonColumn<FormTemplate>;
  type_id: string;
  worker_id: string;
}

export interface QualificationTests {
  answer_key: JsonColumn<AnswerKey>;
  created_at: Timestamp;
  max_score: number;
  mturk_answer_key_xml: string | null;
  mturk_test_xml: string | null;
  passing_score: number;
  retry_delay_seconds: number;
  template: JsonColumn<FormTemplate>;
  test_duration_seconds: number;
  type_id: string;
  updated_at: Timestamp;
}

export interface QualificationTypes {
  active: Generated<boolean>;
  auto_granted: Generated<boolean>;
  auto_granted_value: Generated<number>;
  created_at: Generated<Timestamp>;
  description: Generated<string>;
  disposed_at: Timestamp | null;
  id: Generated<string>;
  keywords: Generated<string>;
  name: string;
  owner_id: string | null;
  requestable: Generated<boolean>;
  retry_delay_seconds: number | null;
  system_key: string | null;
  updated_at: Generated<Timestamp>;
  value_kind: Generated<QualificationValueKind>;
}

export interface Ratings {
  assignment_id: string;
  created_at: Timestamp;
  ratee_id: string;
  rater_id: string;
  updated_at: Timestamp;
  value: number;
}

export interface RequesterPaidWorkers {
  requester_id: string;
  worker_id: string;
}

export interface RuleValues {
  created_at: Timestamp;
  effective_from: Timestamp;
  id: Generated<string>;
  proposal_id: string | null;
  rule: RuleKey;
  source: RuleSource;
  value: number;
}

export interface Sessions {
  created_at: Generated<Timestamp>;
  expires_at: Timestamp;
  id_hash: string;
  user_agent: string | null;
  user_id: string;
}

export interface SetupTokens {
  created_at: Generated<Timestamp>;
  expires_at: Timestamp;
  token_hash: string;
  used_at: Timestamp | null;
}

export interface TaskAggregates {
  answer: string | null;
  confidence: number;
  item: string;
  method: string;
  position: number;
  project_id: string;
  task_id: string;
  votes: Json;
}

export interface TaskGold {
  answers: Json;
  explanation: string | null;
  project_id: string;
  task_id: string;
}

export interface Tasks {
  assignments_per_task: number;
  batch_id: string;
  cancelled_at: Timestamp | null;
  created_at: Generated<Timestamp>;
  data: JsonColumn<Record<string, string>>;
  extra_slots: Generated<number>;
  id: Generated<string>;
  live_assignments: Generated<number>;
  number: number;
  project_id: string;
  reserve_slots: Generated<number>;
  reward_cents: number;
  row_number: number;
  seq: Generated<number>;
}

export interface UploadSlots {
  expires_at: Timestamp;
  holder: string;
  requester_id: string;
  slot: number;
}

export interface UserReputation {
  appeals_decided: Generated<number>;
  appeals_overturned: Generated<number>;
  effective_hourly_cents: number | null;
  gold_answered: Generated<number>;
  gold_correct: Generated<number>;
  median_review_seconds: number | null;
  ratings_down: Generated<number>;
  ratings_neutral: Generated<number>;
  ratings_up: Generated<number>;
  requester_approved: Generated<number>;
  requester_rejected: Generated<number>;
  user_id: string;
  worker_approved: Generated<number>;
  worker_rejected: Generated<number>;
  workers_paid: Generated<number>;
}

export interface Users {
  bio: Generated<string>;
  country: string | null;
  created_at: Generated<Timestamp>;
  display_name: string;
  email: string;
  email_digest: Generated<boolean>;
  email_verified_at: Timestamp | null;
  handle: string;
  id: Generated<string>;
  password_hash: string;
  roles: Role[];
  show_earnings: Generated<boolean>;
  status: Generated<UserStatus>;
  timezone: string | null;
  updated_at: Generated<Timestamp>;
}

export interface WebhookDeliveries {
  attempts: Generated<number>;
  body: string;
  created_at: Timestamp;
  event: string;
  give_up_at: Timestamp;
  id: Generated<string>;
  last_attempt_at: Timestamp | null;
  last_error: string | null;
  last_response: string | null;
  last_status_code: number | null;
  message_id: string;
  next_attempt_at: Timestamp | null;
  status: Generated<WebhookDeliveryStatus>;
  webhook_id: string;
}

export interface Webhooks {
  created_at: Timestamp;
  description: Generated<string>;
  encryption_key_id: string | null;
  events: WebhookEvent[];
  id: Generated<string>;
  secret_ciphertext: string | null;
  unsealed_secret: string | null;
  url: string;
  user_id: string;
}

export interface WorkerEstimates {
  agreement_percent: number | null;
  estimated_accuracy: number | null;
  gold_answered: number;
  gold_correct: number;
  project_id: string;
  worker_id: string;
}

export interface WorkerMessages {
  created_at: Timestamp;
  id: Generated<string>;
  requester_id: string;
  subject: string;
  worker_id: string;
}

export interface DB {
  api_tokens: ApiTokens;
  appeals: Appeals;
  assignments: Assignments;
  audit_events: AuditEvents;
  batches: Batches;
  blocks: Blocks;
  bonuses: Bonuses;
  email_digests: EmailDigests;
  email_tokens: EmailTokens;
  governance_proposals: GovernanceProposals;
  governance_votes: GovernanceVotes;
  idempotency_keys: IdempotencyKeys;
  ledger_accounts: LedgerAccounts;
  ledger_entries: LedgerEntries;
  ledger_transactions: LedgerTransactions;
  login_throttles: LoginThrottles;
  manual_deposits: ManualDeposits;
  message_threads: MessageThreads;
  messages: Messages;
  mturk_access_keys: MturkAccessKeys;
  mturk_hit_groups: MturkHitGroups;
  mturk_hit_types: MturkHitTypes;
  mturk_hits: MturkHits;
  mturk_notification_settings: MturkNotificationSettings;
  notifications: Notifications;
  oauth_clients: OauthClients;
  oauth_models: OauthModels;
  oauth_secrets: OauthSecrets;
  payout_method_changes: PayoutMethodChanges;
  payout_methods: PayoutMethods;
  payouts: Payouts;
  project_aggregations: ProjectAggregations;
  project_open_task_changes: ProjectOpenTaskChanges;
  projects: Projects;
  qualification_grants: QualificationGrants;
  qualification_requests: QualificationRequests;
  qualification_revocations: QualificationRevocations;
  qualification_test_attempts: QualificationTestAttempts;
  qualification_tests: QualificationTests;
  qualification_types: QualificationTypes;
  ratings: Ratings;
  requester_paid_workers: RequesterPaidWorkers;
  rule_values: RuleValues;
  sessions: Sessions;
  setup_tokens: SetupTokens;
  task_aggregates: TaskAggregates;
  task_gold: TaskGold;
  tasks: Tasks;
  upload_slots: UploadSlots;
  user_reputation: UserReputation;
  users: Users;
  webhook_deliveries: WebhookDeliveries;
  webhooks: Webhooks;
  worker_estimates: WorkerEstimates;
  worker_messages: WorkerMessages;
}
