import { Badge, Card, Group, Table, Text, Title } from '@mantine/core';
import { IconReceipt } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import type { LedgerEntry } from '../../../shared/api/money.js';
import { formatCents } from '../../../shared/money.js';
import { useLedger } from '../../api/money.js';
import { EmptyState } from '../../components/EmptyState.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { LoadingState } from '../../components/LoadingState.js';
import { formatDateTime } from '../../lib/format.js';
import { groupLedger, type LedgerTransaction } from './lib/ledger.js';
import './requester.css';
import { LoadMoreButton } from '../../components/LoadMoreButton.js';

const KIND_LABELS: Record<LedgerEntry['kind'], { label: string; color: string }> = {
  deposit: { label: 'Deposit', color: 'teal' },
  escrow: { label: 'Escrow', color: 'tessera' },
  release: { label: 'Release', color: 'gray' },
  payment: { label: 'Payment', color: 'violet' },
  bonus: { label: 'Bonus', color: 'grape' },
  payout: { label: 'Payout', color: 'orange' },
  payout_reversal: { label: 'Payout reversed', color: 'orange' },
};

function Change({ cents }: { cents: number }) {
  if (cents === 0) {
    return (
      <Text size="sm" c="dimmed" aria-label="no change">
        —
      </Text>
    );
  }
  return (
    <Text size="sm" fw={600} className={cents > 0 ? 'money-in nowrap' : 'money-out nowrap'}>
      {cents > 0 ? '+' : '−'}
      {formatCents(Math.abs(cents))}
    </Text>
  );
}

function LedgerRow({ transaction }: { transaction: LedgerTransaction }) {
  const kind = KIND_LABELS[transaction.kind];
  return (
    <Table.Tr>
      <Table.Td className="nowrap">
        <Text size="sm">{formatDateTime(transaction.createdAt)}</Text>
      </Table.Td>
      <Table.Td>
        <Badge color={kind.color}>{kind.label}</Badge>
      </Table.Td>
      <Table.Td>
        <Text size="sm" lineClamp={2}>
          {transaction.memo}
        </Text>
        {transaction.reference && (
          <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
            Reference: {transaction.reference}
          </Text>
        )}
      </Table.Td>
      <Table.Td ta="right">
        <Change cents={transaction.availableCents} />
      </Table.Td>
      <Table.Td ta="right">
        <Change cents={transaction.escrowCents} />
      </Table.Td>
    </Table.Tr>
  );
}

/** Every movement of the requester's money, newest first: on the Funds and Spending pages. */
export function LedgerHistory({
  title,
  tableLabel,
  actions,
}: {
  title: string;
  tableLabel: string;
  /** Links beside the title. */
  actions?: ReactNode;
}) {
  const ledger = useLedger();
  const rows = groupLedger(ledger.data?.pages.flatMap((page) => page.items) ?? []);
  return (
    <Card p={0}>
      <Group px="md" py="sm" className="table-toolbar" justify="space-between">
        <Title order={2} fz="h3">
          {title}
        </Title>
        {actions}
      </Group>
      {ledger.isPending && <LoadingState label="Loading your history…" />}
      {ledger.isError && (
        <ErrorAlert error={ledger.error} onRetry={() => void ledger.refetch()} mt="md" />
      )}
      {ledger.isSuccess && rows.length === 0 && (
        <EmptyState
          icon={<IconReceipt size={28} aria-hidden="true" />}
          title="No money has moved yet"
          description="Deposits, escrow for published projects, payments to workers and releases of unused escrow will be listed here."
          framed={false}
        />
      )}
      {rows.length > 0 && (
        <Table.ScrollContainer minWidth={720}>
          <Table aria-label={tableLabel}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={190}>Date</Table.Th>
                <Table.Th w={150}>Kind</Table.Th>
                <Table.Th>Details</Table.Th>
                <Table.Th ta="right">Available</Table.Th>
                <Table.Th ta="right">Escrow</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((transaction) => (
                <LedgerRow key={transaction.transactionId} transaction={transaction} />
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <LoadMoreButton pages={ledger} />
    </Card>
  );
}
