import { Table, Text } from '@mantine/core';
import { IconHistory } from '@tabler/icons-react';
import type { AuditEntry } from '../../../shared/api/audit.js';
import { useMyAudit } from '../../api/audit.js';
import { AuditDetailsCell, AuditWhatCell, AuditWhenCell } from '../../components/AuditCells.js';
import { CardTable } from '../../components/CardList.js';

const COLUMNS = ['When', 'What', 'By', 'Details'];

function ActivityRow({ entry, myId }: { entry: AuditEntry; myId: string }) {
  const by = !entry.actor
    ? 'Tessera'
    : entry.actor.id === myId
      ? 'You'
      : (entry.actor.displayName ?? 'Deleted account');
  return (
    <Table.Tr>
      <AuditWhenCell entry={entry} />
      <AuditWhatCell entry={entry} />
      <Table.Td>
        <Text size="sm">{by}</Text>
      </Table.Td>
      <AuditDetailsCell entry={entry} />
    </Table.Tr>
  );
}

/** What the account did, and what was done to it: the user's own part of the audit log. */
export function ActivitySection({ myId }: { myId: string }) {
  const entries = useMyAudit();
  return (
    <CardTable
      query={entries}
      loadingLabel="Loading your account activity…"
      empty={{
        icon: <IconHistory size={28} aria-hidden="true" />,
        title: 'No account activity yet',
        description:
          'Tokens, keys and apps you make or delete, roles you add, deposits and payouts, and anything an administrator does to your account are listed here.',
      }}
      label="Account activity"
      columns={COLUMNS}
      minWidth={640}
      row={(entry) => <ActivityRow key={entry.id} entry={entry} myId={myId} />}
    />
  );
}
