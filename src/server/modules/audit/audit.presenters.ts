import type { AuditEntry } from '../../../shared/api/audit.js';
import type { AuditRow } from './audit.repository.js';

function person(id: string | null, name: string | null) {
  return id ? { id, displayName: name } : null;
}

export function presentAuditEntry(row: AuditRow): AuditEntry {
  return {
    id: row.id,
    at: row.created_at.toISOString(),
    action: row.action,
    actor: person(row.actor_id, row.actor_name),
    subjectUser: person(row.subject_user_id, row.subject_name),
    target: row.target_type && row.target_id ? { type: row.target_type, id: row.target_id } : null,
    requestId: row.request_id,
    details: row.details,
  };
}
