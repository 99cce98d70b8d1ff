import type { QualificationRequest } from '../../../shared/api/qualification-requests.js';
import type { QualificationRequestRow } from './qualification-requests.repository.js';
import { requestAgainAt } from './qualification-requests.service.js';

export function presentQualificationRequest(row: QualificationRequestRow): QualificationRequest {
  return {
    id: row.id,
    qualificationTypeId: row.type_id,
    qualificationTypeName: row.type_name,
    workerId: row.worker_id,
    workerHandle: row.handle,
    workerDisplayName: row.display_name,
    status: row.status,
    value: row.value,
    reason: row.reason,
    createdAt: row.created_at.toISOString(),
    decidedAt: row.decided_at?.toISOString() ?? null,
    requestAgainAt: requestAgainAt(row)?.toISOString() ?? null,
  };
}
