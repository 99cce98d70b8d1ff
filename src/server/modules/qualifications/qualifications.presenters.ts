import type { QualificationHolder, QualificationType } from '../../../shared/api/qualifications.js';
import type { HolderRow, QualificationTypeRow } from './qualifications.repository.js';

export function presentQualificationType(row: QualificationTypeRow): QualificationType {
  return {
    id: row.id,
    key: row.system_key,
    name: row.name,
    description: row.description,
    system: row.owner_id === null,
    valueKind: row.value_kind,
    holderCount: row.holder_count,
    hasTest: row.has_test,
    requestable: row.requestable,
    active: row.active,
    autoGranted: row.auto_granted,
    autoGrantedValue: row.auto_granted_value,
    retryDelaySeconds: row.retry_delay_seconds,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

export function presentHolder(row: HolderRow): QualificationHolder {
  return {
    qualificationTypeId: row.type_id,
    workerId: row.worker_id,
    handle: row.handle,
    displayName: row.display_name,
    value: row.value,
    grantedAt: row.granted_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}
