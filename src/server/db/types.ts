/**
 * The database's types for the rest of the server. The tables are generated in schema.ts from
 * the migrated schema (`npm run db:types`); the enum types are defined once, in src/shared, and
 * re-exported here for the repositories.
 */
import type { Insertable, Selectable, Updateable } from 'kysely';
import type { DB, Users } from './schema.js';

export type Database = DB;

export type UserRow = Selectable<Users>;
export type NewUser = Insertable<Users>;
export type UserUpdate = Updateable<Users>;

export type { Role, UserStatus } from '../../shared/api/accounts.js';
export type { PayoutStatus } from '../../shared/api/earnings.js';
export type { EmailTokenPurpose } from '../../shared/api/email.js';
export type { LedgerAccountKind, LedgerTransactionKind } from '../../shared/api/money.js';
export type { NotificationKind } from '../../shared/api/notifications.js';
export type { PayoutMethodKind } from '../../shared/api/payout-methods.js';
export type { ProjectStatus } from '../../shared/api/projects.js';
export type { AssignmentStatus } from '../../shared/api/work.js';
