import type { Migration } from 'kysely';
import * as accounts from './20261127000100_accounts.js';

/**
 * Every migration, in order. A static list (rather than reading the folder) works the same under
 * tsx, Vitest and the compiled build.
 */
export const migrations: Record<string, Migration> = {
  '20261127000100_accounts': accounts,
};
