import { Migrator, type Kysely, type MigrationResultSet } from 'kysely';
import { migrations } from './migrations/index.js';

/**
 * Applies pending migrations. Kysely's migrator serialises runs with a session-level advisory
 * lock, which a pooler in transaction mode (PgBouncer) cannot keep on one server connection; so
 * when nothing is pending (every start of an up-to-date deployment) this only reads the
 * migration table and takes no lock. New migrations are applied with `tessera migrate` against
 * PostgreSQL itself (docs/operations.md).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are typed Kysely<any> by design
export async function migrateToLatest(db: Kysely<any>): Promise<MigrationResultSet> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: () => Promise.resolve(migrations) },
  });
  const known = await migrator.getMigrations();
  if (known.every((migration) => migration.executedAt)) return { results: [] };
  const result = await migrator.migrateToLatest();
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error')?.migrationName;
    throw new Error(
      `Migration ${failed ?? '(unknown)'} failed: ${result.error instanceof Error ? result.error.message : JSON.stringify(result.error)}`,
      {
        cause: result.error,
      },
    );
  }
  return result;
}
