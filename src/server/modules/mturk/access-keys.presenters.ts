import type { AccessKey } from '../../../shared/api/access-keys.js';
import type { AccessKeyRow } from './access-keys.repository.js';

export function presentAccessKey(row: AccessKeyRow): AccessKey {
  return {
    accessKeyId: row.id,
    name: row.name,
    createdAt: row.created_at.toISOString(),
    lastUsedAt: row.last_used_at?.toISOString() ?? null,
  };
}
