import { sql, type Kysely } from 'kysely';

/**
 * The published projects of given requesters, for the feed's rated tiers (a worker's rated-up
 * requesters first, rated-down last: DESIGN §10). The feed runs on PostgreSQL's generic plan,
 * which guesses that a third of published projects are unexpired; with only
 * `projects_owner_created_idx` it ANDed that index with `projects_status_idx` and read all
 * 10,000 published projects' entries on every request of a worker who rated anyone (0.3 ms of
 * 0.6 at full size). Holding the owner and the expiry of published projects only, this one
 * answers the tier's whole condition alone.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index projects_feed_owner_idx
    on projects (owner_id, expires_at) where status = 'published'`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index projects_feed_owner_idx`.execute(db);
}
