import { sql, type Kysely } from 'kysely';

/**
 * What a worker has earned is theirs to share: hidden from their public record unless they turn
 * it on. Existing accounts start hidden too, as nobody chose to show it.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table users add column show_earnings boolean not null default false`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table users drop column show_earnings`.execute(db);
}
