import { Badge, Card, Table, Text } from '@mantine/core';
import { IconReceipt } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import type { LedgerEntry } from '../../../shared/api/money.js';
import { formatCents } from '../../../shared/money.js';
import { useLedger } from '../../api/money.js';
import { CardTable } from '../../components/CardList.js';
import { type Column } from '../../components/DataTable.js';
import { loadedItems } from '../../components/QueryList.js';
import { TableHeading } from '../../components/TableHeading.js';
import { formatDateTime } from '../../lib/format.js';
import { groupLedger, type LedgerTransaction } from './lib/ledger.js';
import './requester.css';

const KIND_LABELS: Record<LedgerEntry['kind'], { label: string; color: string }> = {
  deposit: { label: 'Deposit', color: 'teal' },
  escrow: { label: 'Escrow', color: 'tessera' },
  release: { label: 'Release', color: 'gray' },
  payment: { label: 'Payment', color: 'violet' },
  bonus: { label: 'Bonus', color: 'grape' },
  top_up: { label: 'Pay-floor top-up', color: 'grape' },
  payout: { label: 'Payout', color: 'orange' },
  payout_reversal: { label: 'Payout reversed', color: 'orange' },
};

const COLUMNS = [
  { label: 'Date', w: 190 },
  { label: 'Kind', w: 150 },
  'Details',
  { label: 'Available', ta: 'right' },
  { label: 'Escrow', ta: 'right' },
] satisfies Column[];

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
  const entries = loadedItems(ledger.data);
  return (
    <Card p={0}>
      <TableHeading title={title}>{actions}</TableHeading>
      <CardTable<LedgerTransaction>
        query={ledger}
        items={entries && groupLedger(entries)}
        loadingLabel="Loading your history…"
        empty={{
          icon: <IconReceipt size={28} aria-hidden="true" />,
          title: 'No money has moved yet',
          description:
            'Deposits, escrow for published projects, payments to workers and releases of unused escrow will be listed here.',
        }}
        label={tableLabel}
        columns={COLUMNS}
        minWidth={720}
        row={(transaction) => (
          <LedgerRow key={transaction.transactionId} transaction={transaction} />
        )}
      />
    </Card>
  );
}
