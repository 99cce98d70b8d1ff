import { sql, type Kysely } from 'kysely';

/**
 * Indexes for the worker feed at scale (10,000 published projects, a million tasks):
 * - its orders over published projects, so that a page walks the projects in order and stops
 *   once it has enough the worker can enter, instead of checking every published project and
 *   sorting them (~700 ms a page at that size);
 * - each project's latest submissions, for the estimated hourly rate, so that a project with a
 *   hundred thousand submissions costs no more than one with fifty.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index projects_feed_newest_idx
    on projects (published_at desc nulls last, id desc) where status = 'published'`.execute(db);
  await sql`create index projects_feed_reward_idx
    on projects (reward_cents desc, published_at desc nulls last, id desc)
    where status = 'published'`.execute(db);
  await sql`create index assignments_project_submitted_idx
    on assignments (project_id, submitted_at desc) where submitted_at is not null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index assignments_project_submitted_idx`.execute(db);
  await sql`drop index projects_feed_reward_idx`.execute(db);
  await sql`drop index projects_feed_newest_idx`.execute(db);
}
