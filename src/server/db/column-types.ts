import type { ColumnType } from 'kysely';

/**
 * A jsonb column: read back parsed as `T`, written as JSON text (the same on node-postgres and
 * PGlite). Named in the generated schema.ts by the column overrides in scripts/db-types.
 */
export type JsonColumn<T> = ColumnType<T, string, string>;
