import { Badge, Card, Group, SegmentedControl, Table, Text } from '@mantine/core';
import { IconCash } from '@tabler/icons-react';
import { useSearchParams } from 'react-router';
import { formatCents } from '../../../shared/money.js';
import { useAdminPayouts, type PayoutStatus } from '../../api/admin-payouts.js';
import { CardTable } from '../../components/CardList.js';
import { ACTIONS_COLUMN, type Column } from '../../components/DataTable.js';
import { PageHeader } from '../../components/PageHeader.js';
import { formatDateTime } from '../../lib/format.js';
import { PAYOUT_STATUS_INFO } from '../../lib/payout-status.js';
import { AccountCell } from './AccountCell.js';
import { PayoutActions, type AdminPayout } from './payouts/PayoutActions.js';
import { PayoutDestinationCell } from './payouts/PayoutDestinationCell.js';

const FILTERS = [
  { value: 'requested', label: 'Pending' },
  { value: 'paid', label: 'Paid' },
  { value: 'cancelled', label: 'Cancelled' },
  { value: 'all', label: 'All' },
];

const EMPTY: Record<string, { title: string; description: string }> = {
  requested: {
    title: 'No payouts waiting',
    description:
      'When a worker asks to be paid out, the request waits here until you send the money and mark it paid.',
  },
  paid: { title: 'No paid payouts yet', description: 'Payouts you mark paid are listed here.' },
  cancelled: { title: 'No cancelled payouts', description: 'Payouts you cancel are listed here.' },
  all: { title: 'No payouts yet', description: 'Workers have not asked for any payouts.' },
};

const COLUMNS = [
  'Worker',
  { label: 'Amount', ta: 'right' },
  'Send to',
  'Requested',
  'Status',
  ACTIONS_COLUMN,
] satisfies Column[];

function statusFrom(value: string | null): PayoutStatus | 'all' {
  return value === 'paid' || value === 'cancelled' || value === 'all' ? value : 'requested';
}

function PayoutRow({ payout }: { payout: AdminPayout }) {
  const status = PAYOUT_STATUS_INFO[payout.status];
  return (
    <Table.Tr>
      <Table.Td>
        <AccountCell account={payout.worker} avatar />
      </Table.Td>
      <Table.Td ta="right">
        <Text size="sm" fw={700} style={{ fontVariantNumeric: 'tabular-nums' }}>
          {formatCents(payout.amountCents)}
        </Text>
      </Table.Td>
      <Table.Td>
        <PayoutDestinationCell destination={payout.destination} who={payout.worker.displayName} />
      </Table.Td>
      <Table.Td>
        <Text size="sm" className="nowrap">
          {formatDateTime(payout.requestedAt)}
        </Text>
      </Table.Td>
      <Table.Td miw={120}>
        <Badge color={status.color} style={{ overflow: 'visible' }}>
          {status.label}
        </Badge>
        {(payout.reference ?? payout.cancelReason) && (
          <Text size="xs" c="dimmed" mt={2} lineClamp={2}>
            {payout.reference ? `Ref. ${payout.reference}` : payout.cancelReason}
          </Text>
        )}
      </Table.Td>
      <Table.Td ta="right">
        <PayoutActions payout={payout} />
      </Table.Td>
    </Table.Tr>
  );
}

/** Workers' payout requests: send the money outside Tessera, then record it here. */
export function PayoutsPage() {
  const [params, setParams] = useSearchParams();
  const filter = statusFrom(params.get('status'));
  const payouts = useAdminPayouts(filter === 'all' ? undefined : filter);
  const empty = EMPTY[filter] ?? EMPTY.all!;

  return (
    <>
      <PageHeader
        title="Payouts"
        description="Workers ask to be paid their available earnings. Send each payment yourself to the destination shown — the one the worker had set when they asked — then mark it paid with its reference; the worker is notified."
      />
      <Card p={0}>
        <Group p="md" className="table-toolbar">
          <SegmentedControl
            value={filter}
            onChange={(value) => setParams({ status: value }, { replace: true })}
            data={FILTERS}
            aria-label="Show payouts"
          />
        </Group>
        <CardTable
          query={payouts}
          loadingLabel="Loading payouts…"
          empty={{ icon: <IconCash size={28} aria-hidden="true" />, ...empty }}
          label="Payouts"
          columns={COLUMNS}
          minWidth={960}
          highlightOnHover
          row={(payout) => <PayoutRow key={payout.id} payout={payout} />}
        />
      </Card>
    </>
  );
}
