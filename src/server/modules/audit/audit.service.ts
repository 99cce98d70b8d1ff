import type { Db } from '../../db/database.js';
import { pageFrom } from '../../db/pagination.js';
import type { AuditEvent, AuditFilter, AuditRepository } from './audit.repository.js';

/**
 * The audit trail as other modules write to it. `record` joins the transaction of the change, so
 * that a change and its entry commit (or roll back) together.
 */
export function createAuditService(deps: { audit: AuditRepository }) {
  return {
    record: (event: AuditEvent, trx: Db) => deps.audit.record(event, trx),

    /** The admin's search, newest first. */
    async search(filter: AuditFilter) {
      return pageFrom(await deps.audit.list(filter), filter.limit);
    },

    /** A user's own entries: what they did, and what was done to their account. */
    async mine(userId: string, page: { cursor?: string | undefined; limit: number }) {
      return pageFrom(await deps.audit.list({ ...page, involving: userId }), page.limit);
    },
  };
}

export type AuditService = ReturnType<typeof createAuditService>;
