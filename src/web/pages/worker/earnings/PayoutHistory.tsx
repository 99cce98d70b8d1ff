import { Badge, Card, Table, Text } from '@mantine/core';
import { IconReceipt } from '@tabler/icons-react';
import type { Payout } from '../../../../shared/api/earnings.js';
import { formatCents } from '../../../../shared/money.js';
import { useMyPayouts } from '../../../api/earnings.js';
import { CardTable } from '../../../components/CardList.js';
import { type Column } from '../../../components/DataTable.js';
import { TableHeading } from '../../../components/TableHeading.js';
import { formatDateTime } from '../../../lib/format.js';
import { PAYOUT_STATUS_INFO } from '../../../lib/payout-status.js';

const COLUMNS = [
  'Requested',
  { label: 'Amount', ta: 'right' },
  'Status',
  'Details',
] satisfies Column[];

function PayoutDetail({ payout }: { payout: Payout }) {
  switch (payout.status) {
    case 'requested':
      return (
        <Text size="sm" c="dimmed">
          Waiting for an administrator to send it
        </Text>
      );
    case 'paid':
      return (
        <>
          <Text size="sm">Sent {payout.paidAt ? formatDateTime(payout.paidAt) : ''}</Text>
          {payout.reference && (
            <Text size="xs" c="dimmed">
              Reference: {payout.reference}
            </Text>
          )}
        </>
      );
    case 'cancelled':
      return (
        <Text size="sm" c="dimmed">
          Returned to your available earnings
          {payout.cancelReason ? `: ${payout.cancelReason}` : ''}
        </Text>
      );
  }
}

/** One payout: when it was asked for, how much, and where it stands. */
function PayoutRow({ payout }: { payout: Payout }) {
  const status = PAYOUT_STATUS_INFO[payout.status];
  return (
    <Table.Tr>
      <Table.Td>
        <Text size="sm" className="num">
          {formatDateTime(payout.requestedAt)}
        </Text>
      </Table.Td>
      <Table.Td ta="right">
        <Text size="sm" fw={600} className="num">
          {formatCents(payout.amountCents)}
        </Text>
      </Table.Td>
      <Table.Td>
        <Badge color={status.color}>{status.label}</Badge>
      </Table.Td>
      <Table.Td>
        <PayoutDetail payout={payout} />
      </Table.Td>
    </Table.Tr>
  );
}

/** Every payout the worker asked for, newest first, and where each one stands. */
export function PayoutHistory() {
  const payouts = useMyPayouts();
  return (
    <Card p={0} component="section" aria-labelledby="payouts-heading">
      <TableHeading title="Payouts" id="payouts-heading" />
      <CardTable
        query={payouts}
        loadingLabel="Loading your payouts…"
        empty={{
          icon: <IconReceipt size={28} aria-hidden="true" />,
          title: 'No payouts yet',
          description:
            'When you request a payout it is listed here, pending until an administrator sends the money and marks it paid.',
        }}
        label="Payout history"
        columns={COLUMNS}
        minWidth={620}
        row={(payout) => <PayoutRow key={payout.id} payout={payout} />}
      />
    </Card>
  );
}
