import { sql, type SqlBool } from 'kysely';
import type { Db } from '../../db/database.js';
import { fromCursor, newestFirstPage } from '../../db/pagination.js';
import { currentRequestId } from '../../lib/request-context.js';

/** What an entry was done to, besides a user: a token, a key, an app, a deposit, a payout … */
export type AuditTarget = { type: string; id: string };

export type AuditEvent = {
  actorId: string | null;
  /** A stable name, e.g. `user.password_reset_link_issued`. */
  action: string;
  subjectUserId?: string | null | undefined;
  target?: AuditTarget | undefined;
  /** Never a secret: the audit trail is read by people. */
  details?: Record<string, unknown> | undefined;
  at: Date;
};

/** An admin's search; every condition given must hold. */
export type AuditFilter = {
  actorId?: string | undefined;
  subjectUserId?: string | undefined;
  /** An action's name, or the start of one ending with a dot (`user.` for every user action). */
  action?: string | undefined;
  /** Entries where this user is the actor or the subject (a user's own list). */
  involving?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  cursor?: string | undefined;
  limit: number;
};

/** The audit trail: who did what to whom, written in the transaction of the change itself. */
export function createAuditRepository(db: Db) {
  return {
    async record(event: AuditEvent, trx: Db = db) {
      await trx
        .insertInto('audit_events')
        .values({
          actor_id: event.actorId,
          action: event.action,
          subject_user_id: event.subjectUserId ?? null,
          target_type: event.target?.type ?? null,
          target_id: event.target?.id ?? null,
          details: JSON.stringify(event.details ?? {}),
          // The request being served, if any: a sweep or the CLI has none.
          request_id: currentRequestId() ?? null,
          created_at: event.at,
        })
        .execute();
    },

    /** Newest first, with the names of the actor and the subject for reading. */
    async list(filter: AuditFilter) {
      let query = db
        .selectFrom('audit_events as e')
        .leftJoin('users as actor', 'actor.id', 'e.actor_id')
        .leftJoin('users as subject', 'subject.id', 'e.subject_user_id')
        .select([
          'e.id',
          'e.action',
          'e.actor_id',
          'actor.display_name as actor_name',
          'e.subject_user_id',
          'subject.display_name as subject_name',
          'e.target_type',
          'e.target_id',
          'e.details',
          'e.request_id',
          'e.created_at',
        ]);
      if (filter.actorId) query = query.where('e.actor_id', '=', filter.actorId);
      if (filter.subjectUserId) query = query.where('e.subject_user_id', '=', filter.subjectUserId);
      if (filter.involving) {
        const userId = filter.involving;
        query = query.where((eb) =>
          eb.or([eb('e.actor_id', '=', userId), eb('e.subject_user_id', '=', userId)]),
        );
      }
      if (filter.action?.endsWith('.')) {
        // A prefix, matched literally: `like` would read `_` in an action's name as a wildcard.
        const prefix = filter.action;
        query = query.where(sql<SqlBool>`left(e.action, ${prefix.length}) = ${prefix}`);
      } else if (filter.action) {
        query = query.where('e.action', '=', filter.action);
      }
      if (filter.from) query = query.where('e.created_at', '>=', filter.from);
      if (filter.to) query = query.where('e.created_at', '<', filter.to);
      return newestFirstPage(query, ['e.created_at', 'e.id'], fromCursor(filter)).execute();
    },
  };
}

export type AuditRepository = ReturnType<typeof createAuditRepository>;
export type AuditRow = Awaited<ReturnType<AuditRepository['list']>>[number];
