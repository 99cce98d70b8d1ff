import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import type { EmailTokenPurpose, UserRow } from '../../db/types.js';

/** Marks the unused links of one kind used at `now`; the caller says which of them. */
function spendUnused(trx: Db, purpose: EmailTokenPurpose, now: Date) {
  return trx
    .updateTable('email_tokens')
    .set({ used_at: now })
    .where('purpose', '=', purpose)
    .where('used_at', 'is', null);
}

export function createEmailRepository(db: Db) {
  return {
    transaction<T>(work: (trx: Db) => Promise<T>): Promise<T> {
      return db.transaction().execute(work);
    },

    async insertToken(
      token: {
        tokenHash: string;
        userId: string;
        purpose: EmailTokenPurpose;
        email: string;
        createdAt: Date;
        expiresAt: Date;
        issuedBy?: string | undefined;
      },
      trx: Db = db,
    ) {
      await trx
        .insertInto('email_tokens')
        .values({
          token_hash: token.tokenHash,
          user_id: token.userId,
          purpose: token.purpose,
          email: token.email,
          created_at: token.createdAt,
          expires_at: token.expiresAt,
          issued_by: token.issuedBy ?? null,
        })
        .execute();
    },

    /** Links of one kind a user was sent since `since` (used or not): the per-email limit. */
    async countSince(userId: string, purpose: EmailTokenPurpose, since: Date): Promise<number> {
      const row = await db
        .selectFrom('email_tokens')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('user_id', '=', userId)
        .where('purpose', '=', purpose)
        .where('created_at', '>', since)
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },

    /**
     * Spends a live link in one statement, so two requests racing with the same link cannot
     * both use it; returns whose it was, or nothing when it is unknown, used or expired.
     */
    async useToken(tokenHash: string, purpose: EmailTokenPurpose, now: Date, trx: Db = db) {
      return spendUnused(trx, purpose, now)
        .where('token_hash', '=', tokenHash)
        .where('expires_at', '>', now)
        .returning(['user_id', 'email'])
        .executeTakeFirst();
    },

    /** Every other live link of this kind stops working too (a reset ends all reset links). */
    async spendAll(userId: string, purpose: EmailTokenPurpose, now: Date, trx: Db = db) {
      await spendUnused(trx, purpose, now).where('user_id', '=', userId).execute();
    },

    /** Verified only while the account still has the address the link was sent to. */
    async markVerified(
      userId: string,
      email: string,
      now: Date,
      trx: Db = db,
    ): Promise<UserRow | undefined> {
      return trx
        .updateTable('users')
        .set({ email_verified_at: sql<Date>`coalesce(email_verified_at, ${now})` })
        .where('id', '=', userId)
        .where(sql<string>`lower(email)`, '=', email.toLowerCase())
        .returningAll()
        .executeTakeFirst();
    },

    /**
     * Claims today's digest for up to `limit` users who asked for one, have a verified address,
     * have not had today's, and have unread notifications newer than their last digest (for a
     * first digest, than a day ago). The primary key (user_id, sent_on) makes the claim: when several instances
     * sweep at once, each user's row is inserted by exactly one of them, and only that one sends.
     */
    async claimDueDigests(args: { day: string; now: Date; dayAgo: Date; limit: number }) {
      const rows = await sql<{ user_id: string; since: Date }>`
        insert into email_digests (user_id, sent_on, created_at, notification_count)
        select u.id, ${args.day}::date, ${args.now}, 0
        from users u
        where u.email_digest and u.email_verified_at is not null and u.status = 'active'
          and not exists (
            select 1 from email_digests d where d.user_id = u.id and d.sent_on = ${args.day}::date
          )
          and exists (
            select 1 from notifications n
            where n.user_id = u.id and n.read_at is null and n.created_at <= ${args.now}
              and n.created_at > coalesce(
                (select max(d.created_at) from email_digests d where d.user_id = u.id),
                ${args.dayAgo}::timestamptz
              )
          )
        order by u.id
        limit ${args.limit}
        on conflict (user_id, sent_on) do nothing
        returning user_id, (
          select coalesce(max(d.created_at), ${args.dayAgo}::timestamptz)
          from email_digests d
          where d.user_id = email_digests.user_id and d.sent_on < ${args.day}::date
        ) as since`.execute(db);
      return rows.rows.map((r) => ({ userId: r.user_id, since: new Date(r.since) }));
    },

    async unreadSince(userId: string, since: Date, until: Date, limit: number) {
      const base = db
        .selectFrom('notifications')
        .where('user_id', '=', userId)
        .where('read_at', 'is', null)
        .where('created_at', '>', since)
        .where('created_at', '<=', until);
      const [items, count] = await Promise.all([
        base
          .select(['title', 'body', 'link', 'created_at'])
          .orderBy('created_at', 'desc')
          .orderBy('id', 'desc')
          .limit(limit)
          .execute(),
        base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      ]);
      return { items, total: Number(count.n) };
    },

    async recordDigestCount(userId: string, day: string, count: number) {
      await db
        .updateTable('email_digests')
        .set({ notification_count: count })
        .where('user_id', '=', userId)
        .where('sent_on', '=', day)
        .execute();
    },

    async setDigest(userId: string, on: boolean) {
      await db.updateTable('users').set({ email_digest: on }).where('id', '=', userId).execute();
    },
  };
}

export type EmailRepository = ReturnType<typeof createEmailRepository>;
