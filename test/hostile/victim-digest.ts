import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../../src/server/db/database.js';

/**
 * What belongs to the victims (a worker and a requester) and only they may change: their
 * accounts, sessions, tokens, money, projects with their data, qualification types and grants,
 * OAuth clients, blocks, bonuses, payouts, the worker's assignments, and whether their existing
 * notifications are read. Counters others legitimately move (a task's live assignments when a
 * stranger accepts work, new notifications) are left out.
 */
export async function victimDigest(
  db: Db,
  victims: { workerId: string; requesterId: string },
  notificationIds: readonly string[],
): Promise<Record<string, string>> {
  const { workerId: w, requesterId: r } = victims;
  const owned = sql`select id from projects where owner_id = ${r}`;
  const notes = notificationIds.length ? notificationIds : ['00000000-0000-0000-0000-000000000000'];
  const queries = {
    users: sql`select id, email, password_hash, display_name, handle, roles, status, bio, country, timezone
               from users where id in (${w}, ${r}) order by id`,
    sessions: sql`select id_hash, expires_at from sessions where user_id in (${w}, ${r}) order by id_hash`,
    tokens: sql`select id, name, token_hash, scopes, expires_at from api_tokens
                where user_id in (${w}, ${r}) order by id`,
    balances: sql`select id, kind, balance_cents from ledger_accounts
                  where user_id in (${w}, ${r}) order by id`,
    entries: sql`select e.id, e.amount_cents from ledger_entries e
                 join ledger_accounts a on a.id = e.account_id
                 where a.user_id in (${w}, ${r}) order by e.id`,
    projects: sql`select id, title, description, keywords, instructions, status, reward_cents,
                    assignments_per_task, time_allotted_seconds, auto_approve_seconds, expires_at,
                    template, qualification_requirements, task_count, published_at, cancelled_at
                  from projects where owner_id = ${r} order by id`,
    batches: sql`select id, row_count, columns, escrow_cents from batches
                 where project_id in (${owned}) order by id`,
    tasks: sql`select id, data, reward_cents, assignments_per_task from tasks
               where project_id in (${owned}) order by id`,
    assignments: sql`select id, status, answers, feedback, submitted_at, reviewed_at, deadline
                     from assignments where worker_id = ${w} order by id`,
    qualificationTypes: sql`select id, name, description from qualification_types
                            where owner_id = ${r} order by id`,
    grants: sql`select type_id, worker_id, value from qualification_grants
                where type_id in (select id from qualification_types where owner_id = ${r})
                order by type_id, worker_id`,
    oauthClients: sql`select id, name, redirect_uris, scopes, secret_hash from oauth_clients
                      where owner_id in (${w}, ${r}) order by id`,
    blocks: sql`select worker_id, reason from blocks where requester_id = ${r} order by worker_id`,
    bonuses: sql`select id, amount_cents from bonuses
                 where requester_id = ${r} or worker_id = ${w} order by id`,
    payouts: sql`select id, status, amount_cents, reference from payouts
                 where worker_id = ${w} order by id`,
    notificationsRead: sql`select id, read_at from notifications
                           where user_id in (${w}, ${r}) and id in (${sql.join(notes)}) order by id`,
  };
  const digest: Record<string, string> = {};
  for (const [name, query] of Object.entries(queries)) {
    const { rows } = await query.execute(db);
    digest[name] =
      `${rows.length}:${createHash('sha256').update(JSON.stringify(rows)).digest('hex').slice(0, 16)}`;
  }
  return digest;
}
