import { Table, Text } from '@mantine/core';
import type { AuditEntry } from '../../shared/api/audit.js';
import { auditActionLabel, auditSummary } from '../lib/audit-actions.js';
import { formatDateTime } from '../lib/format.js';

/*
 * The cells an audit entry shows in both of its tables: the administrator's audit log and a
 * user's own account activity. The administrator also reads the action's code and the entry's
 * target, to match with the server's logs (`forAdmin`).
 */

export function AuditWhenCell({ entry }: { entry: AuditEntry }) {
  return (
    <Table.Td>
      <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
        {formatDateTime(entry.at)}
      </Text>
    </Table.Td>
  );
}

export function AuditWhatCell({ entry, forAdmin }: { entry: AuditEntry; forAdmin?: boolean }) {
  return (
    <Table.Td>
      <Text size="sm" fw={forAdmin ? 600 : undefined}>
        {auditActionLabel(entry.action)}
      </Text>
      {forAdmin && (
        <Text size="xs" c="dimmed" ff="monospace">
          {entry.action}
        </Text>
      )}
    </Table.Td>
  );
}

export function AuditDetailsCell({ entry, forAdmin }: { entry: AuditEntry; forAdmin?: boolean }) {
  const summary = auditSummary(entry);
  if (!forAdmin) {
    return (
      <Table.Td>
        <Text size="sm">{summary || '—'}</Text>
      </Table.Td>
    );
  }
  return (
    <Table.Td>
      {summary && <Text size="sm">{summary}</Text>}
      {entry.target && (
        <Text size="xs" c="dimmed" ff="monospace">
          {entry.target.type} {entry.target.id}
        </Text>
      )}
    </Table.Td>
  );
}
