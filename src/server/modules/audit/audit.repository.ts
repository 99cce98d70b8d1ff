import type { Db } from '../../db/database.js';

export type AuditEvent = {
  actorId: string | null;
  /** A stable name, e.g. `user.password_reset_link_issued`. */
  action: string;
  subjectUserId?: string | null | undefined;
  /** Never a secret: the audit trail is read by people. */
  details?: Record<string, unknown> | undefined;
  at: Date;
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
          details: JSON.stringify(event.details ?? {}),
          created_at: event.at,
        })
        .execute();
    },
  };
}

export type AuditRepository = ReturnType<typeof createAuditRepository>;
