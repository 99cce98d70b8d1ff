import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;

export type Role = 'worker' | 'requester' | 'admin';
export type UserStatus = 'active' | 'suspended';

export interface UsersTable {
  id: Generated<string>;
  email: string;
  password_hash: string;
  display_name: string;
  handle: string;
  roles: Role[];
  status: Generated<UserStatus>;
  bio: Generated<string>;
  country: string | null;
  timezone: string | null;
  /** Whether the worker's earnings show on their public record (off unless they chose it). */
  show_earnings: Generated<boolean>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface SessionsTable {
  id_hash: string;
  user_id: string;
  created_at: CreatedAt;
  expires_at: Date;
  user_agent: string | null;
}

/** Sign-in attempts for one normalised email (hashed), whether or not an account has it. */
export interface LoginThrottlesTable {
  key_hash: string;
  attempts: number;
  last_attempt_at: Date;
  blocked_until: Date | null;
}

export interface SetupTokensTable {
  token_hash: string;
  created_at: CreatedAt;
  expires_at: Date;
  used_at: Date | null;
}

export interface ApiTokensTable {
  id: Generated<string>;
  user_id: string;
  name: string;
  token_hash: string;
  token_prefix: string;
  scopes: string[];
  created_at: CreatedAt;
  last_used_at: Date | null;
  expires_at: Date | null;
}

export type LedgerAccountKind =
  'requester_available' | 'requester_escrow' | 'worker_earnings' | 'platform_fees' | 'external';
export type LedgerTransactionKind =
  'deposit' | 'escrow' | 'release' | 'payment' | 'bonus' | 'payout' | 'payout_reversal';

export interface LedgerAccountsTable {
  id: Generated<string>;
  user_id: string | null;
  kind: LedgerAccountKind;
  balance_cents: Generated<number>;
  created_at: CreatedAt;
}

export interface LedgerTransactionsTable {
  id: Generated<string>;
  kind: LedgerTransactionKind;
  memo: string;
  project_id: string | null;
  assignment_id: string | null;
  actor_id: string | null;
  provider: string | null;
  external_reference: string | null;
  created_at: CreatedAt;
}

export interface LedgerEntriesTable {
  id: Generated<number>;
  transaction_id: string;
  account_id: string;
  amount_cents: number;
  project_id: string | null;
  created_at: CreatedAt;
}

export interface QualificationTypesTable {
  id: Generated<string>;
  /** Null for system types. */
  owner_id: string | null;
  /** Set for system types only, e.g. `system.country`. */
  system_key: string | null;
  name: string;
  description: Generated<string>;
  value_kind: Generated<'integer' | 'locale'>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface QualificationGrantsTable {
  type_id: string;
  worker_id: string;
  value: number;
  granted_at: Timestamp;
  updated_at: Timestamp;
}

export interface OAuthClientsTable {
  /** The public client_id. */
  id: string;
  owner_id: string;
  name: string;
  type: 'public' | 'confidential';
  redirect_uris: string[];
  scopes: string[];
  secret_hash: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface OAuthModelsTable {
  kind: string;
  id: string;
  payload: ColumnType<Record<string, unknown>, string, string>;
  grant_id: string | null;
  user_code: string | null;
  uid: string | null;
  client_id: string | null;
  account_id: string | null;
  expires_at: Date | null;
  consumed_at: Date | null;
}

export interface OAuthSecretsTable {
  name: string;
  value: ColumnType<unknown, string, string>;
  created_at: CreatedAt;
}

export type ProjectStatus = 'draft' | 'published' | 'paused' | 'completed' | 'cancelled';

/** jsonb: read back parsed, written as JSON text (the same on pg and PGlite). */
type Json<T> = ColumnType<T, string, string>;

export interface ProjectsTable {
  id: Generated<string>;
  owner_id: string;
  title: string;
  description: Generated<string>;
  keywords: Generated<string[]>;
  instructions: Generated<string>;
  status: Generated<ProjectStatus>;
  reward_cents: number;
  assignments_per_task: number;
  time_allotted_seconds: number;
  auto_approve_seconds: number;
  expires_at: Timestamp;
  template: Json<unknown>;
  qualification_requirements: Json<unknown[]>;
  task_count: Generated<number>;
  /** Tasks with a free slot, kept by triggers on tasks (migration 20261128002000). */
  open_tasks: Generated<number>;
  /**
   * Quartiles of the seconds from accept to submit over the plausible ones among the latest
   * submissions, null below 3 of them; kept by a trigger on submit (migration 20261206070100).
   */
  work_seconds_p25: number | null;
  work_seconds_median: number | null;
  work_seconds_p75: number | null;
  /** How many plausible submissions those come from. */
  work_samples: Generated<number>;
  created_at: CreatedAt;
  updated_at: Timestamp;
  published_at: Timestamp | null;
  cancelled_at: Timestamp | null;
  completed_at: Timestamp | null;
  /** Set once a closed project holds no escrow and owes nothing. */
  settled_at: Timestamp | null;
}

export interface BatchesTable {
  id: Generated<string>;
  project_id: string;
  filename: string | null;
  row_count: number;
  columns: string[];
  status: Generated<'active' | 'cancelled'>;
  escrow_cents: Generated<number>;
  created_at: CreatedAt;
  /** Set when a published project's batch is cancelled (migration 20261206110000). */
  cancelled_at: Timestamp | null;
  /** Escrow its cancellation returned so far. */
  released_cents: Generated<number>;
}

export interface TasksTable {
  id: Generated<string>;
  seq: ColumnType<number, never, never>;
  project_id: string;
  batch_id: string;
  row_number: number;
  data: Json<Record<string, string>>;
  reward_cents: number;
  assignments_per_task: number;
  /** Accepted, submitted and approved assignments; never above assignments_per_task. */
  live_assignments: Generated<number>;
  created_at: CreatedAt;
  /** Set when its batch is cancelled: it never offers a slot again. */
  cancelled_at: Timestamp | null;
}

export type AssignmentStatus =
  'accepted' | 'submitted' | 'approved' | 'rejected' | 'returned' | 'expired';

export interface AssignmentsTable {
  id: Generated<string>;
  task_id: string;
  project_id: string;
  worker_id: string;
  status: Generated<AssignmentStatus>;
  reward_cents: number;
  accepted_at: Date;
  deadline: Date;
  submitted_at: Date | null;
  answers: Json<Record<string, unknown>> | null;
  returned_at: Date | null;
  expired_at: Date | null;
  auto_approve_at: Date | null;
  reviewed_at: Date | null;
  reviewed_by: string | null;
  feedback: string | null;
  updated_at: Generated<Date>;
  /** False only for an approval paid from available funds because no slot was free. */
  holds_slot: Generated<boolean>;
}

export interface BlocksTable {
  requester_id: string;
  worker_id: string;
  reason: string;
  created_at: CreatedAt;
}

export type NotificationKind =
  | 'assignment_approved'
  | 'assignment_rejected'
  | 'bonus_received'
  | 'project_finished'
  | 'escrow_returned'
  | 'payout_paid';

export interface NotificationsTable {
  id: Generated<string>;
  user_id: string;
  kind: NotificationKind;
  title: string;
  body: Generated<string>;
  link: string | null;
  read_at: Date | null;
  created_at: CreatedAt;
}

export interface BonusesTable {
  id: Generated<string>;
  assignment_id: string;
  project_id: string;
  requester_id: string;
  worker_id: string;
  amount_cents: number;
  fee_cents: number;
  reason: string;
  ledger_transaction_id: string | null;
  created_at: Date;
}

export type PayoutStatus = 'requested' | 'paid' | 'cancelled';

export interface PayoutsTable {
  id: Generated<string>;
  worker_id: string;
  amount_cents: number;
  status: Generated<PayoutStatus>;
  requested_at: Date;
  paid_at: Date | null;
  cancelled_at: Date | null;
  reference: string | null;
  cancel_reason: string | null;
  decided_by: string | null;
  request_transaction_id: string;
  reversal_transaction_id: string | null;
}

/** An Idempotency-Key of one caller on one route, the hash of its request and what it made. */
export interface IdempotencyKeysTable {
  caller_id: string;
  route: string;
  key: string;
  /** SHA-256 of the request's canonical JSON; null for keys recorded before hashes were kept. */
  request_hash: string | null;
  resource_id: string | null;
  created_at: CreatedAt;
}

/** A running batch upload's lease on one of its requester's concurrent-upload slots. */
export interface UploadSlotsTable {
  requester_id: string;
  slot: number;
  holder: string;
  expires_at: Timestamp;
}

export interface Database {
  users: UsersTable;
  sessions: SessionsTable;
  login_throttles: LoginThrottlesTable;
  setup_tokens: SetupTokensTable;
  api_tokens: ApiTokensTable;
  ledger_accounts: LedgerAccountsTable;
  ledger_transactions: LedgerTransactionsTable;
  ledger_entries: LedgerEntriesTable;
  qualification_types: QualificationTypesTable;
  qualification_grants: QualificationGrantsTable;
  oauth_clients: OAuthClientsTable;
  oauth_models: OAuthModelsTable;
  oauth_secrets: OAuthSecretsTable;
  projects: ProjectsTable;
  batches: BatchesTable;
  tasks: TasksTable;
  assignments: AssignmentsTable;
  blocks: BlocksTable;
  bonuses: BonusesTable;
  payouts: PayoutsTable;
  notifications: NotificationsTable;
  idempotency_keys: IdempotencyKeysTable;
  upload_slots: UploadSlotsTable;
}

export type UserRow = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;
export type UserUpdate = Updateable<UsersTable>;
