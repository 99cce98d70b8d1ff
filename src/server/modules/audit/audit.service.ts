import type { Db } from '../../db/database.js';
import type { AuditEvent, AuditRepository } from './audit.repository.js';

/** The audit trail as other modules write to it: always in the transaction of the change. */
export function createAuditService(deps: { audit: AuditRepository }) {
  return {
    record: (event: AuditEvent, trx: Db) => deps.audit.record(event, trx),
  };
}

export type AuditService = ReturnType<typeof createAuditService>;
