import { Card, Table, Text } from '@mantine/core';
import { IconBuildingBank } from '@tabler/icons-react';
import { formatCents } from '../../../../shared/money.js';
import { useManualDeposits } from '../../../api/admin-deposits.js';
import { CardTable } from '../../../components/CardList.js';
import { type Column } from '../../../components/DataTable.js';
import { TableHeading } from '../../../components/TableHeading.js';
import { formatDateTime } from '../../../lib/format.js';
import type { ManualDeposit } from '../../../../shared/api/money.js';
import { AccountCell } from '../AccountCell.js';

const COLUMNS = [
  'Recorded',
  'Requester',
  { label: 'Amount', ta: 'right' },
  'Reference',
  'Recorded by',
  'Note',
] satisfies Column[];

function DepositRow({ deposit: d }: { deposit: ManualDeposit }) {
  return (
    <Table.Tr>
      <Table.Td className="nowrap">
        <Text size="sm">{formatDateTime(d.recordedAt)}</Text>
      </Table.Td>
      <Table.Td>
        <AccountCell account={d.requester} />
      </Table.Td>
      <Table.Td ta="right">
        <Text size="sm" fw={700} className="num nowrap">
          {formatCents(d.amountCents)}
        </Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm" ff="monospace" style={{ overflowWrap: 'anywhere' }}>
          {d.reference}
        </Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm">{d.recordedBy.displayName}</Text>
        <Text size="xs" c="dimmed">
          {d.recordedBy.email}
        </Text>
      </Table.Td>
      <Table.Td maw={260}>
        <Text size="sm" c={d.note ? undefined : 'dimmed'} lineClamp={3}>
          {d.note ?? '—'}
        </Text>
      </Table.Td>
    </Table.Tr>
  );
}

/** Every payment administrators recorded, newest first: the audit trail of money coming in. */
export function DepositHistory() {
  const deposits = useManualDeposits();
  return (
    <Card p={0}>
      <TableHeading title="Recorded payments" />
      <CardTable
        query={deposits}
        loadingLabel="Loading recorded payments…"
        empty={{
          icon: <IconBuildingBank size={28} aria-hidden="true" />,
          title: 'No payments recorded yet',
          description:
            'Payments you record above are listed here with who recorded them, when, and their reference.',
        }}
        label="Recorded payments"
        columns={COLUMNS}
        minWidth={860}
        highlightOnHover
        row={(d) => <DepositRow key={d.id} deposit={d} />}
      />
    </Card>
  );
}
